package dev.seedloop.viewer.model;

/**
 * The visible window of the diagram's axis: where it starts and how many axis units (nanoseconds, or
 * events) one pixel spans. Immutable; zooming and panning return new viewports.
 *
 * @param mode what the axis measures
 * @param start the axis value at the left edge of the plot area
 * @param unitsPerPixel axis units per pixel, positive
 */
public record Viewport(AxisMode mode, double start, double unitsPerPixel) {
    /** The smallest zoom: a tenth of a unit per pixel. */
    public static final double MIN_UNITS_PER_PIXEL = 0.01;

    public Viewport {
        if (!(unitsPerPixel > 0) || Double.isInfinite(unitsPerPixel)) {
            throw new IllegalArgumentException("unitsPerPixel must be positive, was " + unitsPerPixel);
        }
    }

    /** A viewport showing {@code [from, to]} across {@code width} pixels. */
    public static Viewport fit(AxisMode mode, double from, double to, double width) {
        double span = Math.max(to - from, mode == AxisMode.EVENTS ? 1 : 1000);
        double pad = span * 0.03;
        return new Viewport(mode, from - pad, Math.max(MIN_UNITS_PER_PIXEL, (span + 2 * pad) / Math.max(1, width)));
    }

    /** The axis value at the right edge of a plot area {@code width} pixels wide. */
    public double end(double width) {
        return start + unitsPerPixel * width;
    }

    /** The pixel (from the plot area's left edge) of axis value {@code v}. */
    public double x(double v) {
        return (v - start) / unitsPerPixel;
    }

    /** The axis value at pixel {@code x}. */
    public double valueAt(double x) {
        return start + x * unitsPerPixel;
    }

    /** Zoomed by {@code factor} (above 1 zooms in) keeping the value under pixel {@code anchorX} in place. */
    public Viewport zoom(double factor, double anchorX) {
        double upp = Math.max(MIN_UNITS_PER_PIXEL, unitsPerPixel / factor);
        double anchor = valueAt(anchorX);
        return new Viewport(mode, anchor - anchorX * upp, upp);
    }

    /** Moved by {@code dx} pixels (positive moves the view right, to later values). */
    public Viewport pan(double dx) {
        return new Viewport(mode, start + dx * unitsPerPixel, unitsPerPixel);
    }

    /** Moved so that value {@code v} sits at pixel {@code x}. */
    public Viewport centerOn(double v, double x) {
        return new Viewport(mode, v - x * unitsPerPixel, unitsPerPixel);
    }
}
