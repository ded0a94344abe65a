package dev.atoll.tests.values;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

import java.util.List;

/** Floating-point edge values, primitive and boxed. */
@Entity
public class Floats {
    @Id
    public long id;
    public double d;
    public float f;
    public Double boxedD;
    public Float boxedF;
    public List<Double> ds;
    public List<Float> fs;
}
