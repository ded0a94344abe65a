package dev.atoll.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A PNG bar chart of each engine's time relative to Atoll's, per workload, on a logarithmic axis: a bar to
 * the right of the 1x line is an engine slower than Atoll, one to the left is faster. Drawn with Java 2D in
 * headless mode, so it needs no library.
 */
public final class Chart {
    private static final Color[] COLORS = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0x59A14F),
        new Color(0xB07AA1), new Color(0xE15759), new Color(0x76B7B2), new Color(0xEDC948)};

    private Chart() {
    }

    /**
     * Draws the chart.
     *
     * @param ratios workload to (engine to time ratio engine / Atoll), in display order; NaN ratios are skipped
     * @param title the title line
     */
    public static void write(Map<String, Map<String, Double>> ratios, List<String> engines, String title, Path file)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        int rowsPer = engines.size();
        int barH = 11;
        int groupGap = 14;
        int left = 240;
        int right = 40;
        int top = 70;
        int plotW = 640;
        int legendH = 24 * ((engines.size() + 2) / 3) + 20;
        int height = top + ratios.size() * (rowsPer * barH + groupGap) + 40 + legendH;
        int width = left + plotW + right;
        double min = 0.1;
        double max = 10;
        for (Map<String, Double> byEngine : ratios.values()) {
            for (double r : byEngine.values()) {
                if (!Double.isNaN(r) && r > 0) {
                    min = Math.min(min, r);
                    max = Math.max(max, r);
                }
            }
        }
        double lo = Math.floor(Math.log10(min));
        double hi = Math.ceil(Math.log10(max));
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 20, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("time relative to Atoll (log scale; right of 1x = slower than Atoll, left = faster)", 20, 46);
        int plotBottom = top + ratios.size() * (rowsPer * barH + groupGap);
        // grid: one line per power of ten, and the 1x line
        for (double e = lo; e <= hi; e++) {
            int x = xOf(Math.pow(10, e), lo, hi, left, plotW);
            g.setColor(e == 0 ? Color.BLACK : new Color(0xDDDDDD));
            g.setStroke(new BasicStroke(e == 0 ? 2f : 1f));
            g.drawLine(x, top - 6, x, plotBottom);
            g.setColor(Color.DARK_GRAY);
            String label = e >= 0 ? String.format("%.0fx", Math.pow(10, e)) : String.format("%sx", Math.pow(10, e));
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, plotBottom + 16);
        }
        int y = top;
        for (Map.Entry<String, Map<String, Double>> row : ratios.entrySet()) {
            g.setColor(Color.BLACK);
            g.drawString(row.getKey(), 10, y + rowsPer * barH / 2 + 4);
            for (int i = 0; i < engines.size(); i++) {
                Double r = row.getValue().get(engines.get(i));
                if (r != null && !Double.isNaN(r) && r > 0) {
                    int x1 = xOf(1, lo, hi, left, plotW);
                    int x2 = xOf(r, lo, hi, left, plotW);
                    g.setColor(COLORS[i % COLORS.length]);
                    g.fillRect(Math.min(x1, x2), y + i * barH, Math.max(1, Math.abs(x2 - x1)), barH - 2);
                }
            }
            y += rowsPer * barH + groupGap;
        }
        int ly = plotBottom + 40;
        int lx = 20;
        for (int i = 0; i < engines.size(); i++) {
            int col = i % 3;
            int line = i / 3;
            g.setColor(COLORS[i % COLORS.length]);
            g.fillRect(lx + col * 290, ly + line * 24 - 10, 14, 12);
            g.setColor(Color.BLACK);
            g.drawString(engines.get(i), lx + col * 290 + 20, ly + line * 24);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static int xOf(double ratio, double lo, double hi, int left, int plotW) {
        return left + (int) Math.round((Math.log10(ratio) - lo) / (hi - lo) * plotW);
    }
}
