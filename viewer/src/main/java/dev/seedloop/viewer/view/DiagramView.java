package dev.seedloop.viewer.view;

import dev.seedloop.viewer.model.DiagramFrame;
import dev.seedloop.viewer.model.DiagramFrame.Arrow;
import dev.seedloop.viewer.model.DiagramFrame.LaneRow;
import dev.seedloop.viewer.model.DiagramFrame.Mark;
import dev.seedloop.viewer.model.DiagramFrame.Rule;
import dev.seedloop.viewer.model.DiagramFrame.ShadeRect;
import dev.seedloop.viewer.model.DiagramFrame.Tick;
import dev.seedloop.viewer.model.DiagramLayout;
import dev.seedloop.viewer.viewmodel.TraceViewModel;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The space-time diagram: paints the {@link DiagramFrame} its ViewModel lays out, and turns clicks, drags
 * and the wheel into ViewModel calls. No logic of its own beyond painting.
 */
public final class DiagramView extends Region {
    private static final Color[] GROUP_COLORS = {Color.rgb(120, 170, 230, 0.25), Color.rgb(240, 170, 90, 0.28),
        Color.rgb(140, 210, 140, 0.28), Color.rgb(200, 150, 220, 0.28)};
    private static final Color CONE = Color.rgb(214, 40, 120);
    private static final Font LABEL = Font.font("DejaVu Sans", FontWeight.BOLD, 12);
    private static final Font SMALL = Font.font("DejaVu Sans", 10);

    private final TraceViewModel vm;
    private final Canvas canvas = new Canvas();
    private double dragX = Double.NaN;
    private boolean dragged;
    private DiagramFrame lastFrame;

    public DiagramView(TraceViewModel vm) {
        this.vm = vm;
        getStyleClass().add("diagram");
        getChildren().add(canvas);
        setMinSize(200, 120);
        setFocusTraversable(true);
        vm.frameVersionProperty().addListener((o, a, b) -> draw());
        canvas.setOnMousePressed(e -> {
            requestFocus();
            dragX = e.getX();
            dragged = false;
        });
        canvas.setOnMouseDragged(e -> {
            if (!Double.isNaN(dragX)) {
                double dx = dragX - e.getX();
                if (Math.abs(dx) >= 1) {
                    dragged = true;
                    vm.pan(dx);
                    dragX = e.getX();
                }
            }
        });
        canvas.setOnMouseReleased(e -> {
            if (!dragged && e.getButton() == MouseButton.PRIMARY) {
                int hit = vm.clickDiagram(e.getX(), e.getY());
                if (hit >= 0 && e.getClickCount() == 2) {
                    vm.showCausalPast(hit);
                }
            }
            dragX = Double.NaN;
        });
        canvas.setOnScroll(e -> {
            if (e.isControlDown() || e.isShortcutDown()) {
                vm.zoom(e.getDeltaY() > 0 ? 1.25 : 0.8, e.getX());
            } else {
                double d = Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY()) ? e.getDeltaX() : e.getDeltaY();
                vm.pan(-d * 2);
            }
            e.consume();
        });
    }

    /** The canvas (for tests that click on it). */
    public Canvas canvas() {
        return canvas;
    }

    /** The frame painted last. */
    public DiagramFrame lastFrame() {
        return lastFrame;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            vm.setDiagramSize(w, h);
            draw();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 300;
    }

    /** Paints the current frame. */
    public void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 2 || h < 2) {
            return;
        }
        DiagramFrame f = vm.frame();
        lastFrame = f;
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double left = f.plotLeft();
        double right = w - 8;

        // lanes
        g.setLineWidth(1);
        for (int i = 0; i < f.lanes().size(); i++) {
            LaneRow lane = f.lanes().get(i);
            g.setStroke(lane.node() < 0 ? Color.rgb(200, 200, 200) : Color.rgb(170, 170, 170));
            g.strokeLine(left, lane.y(), right, lane.y());
        }
        // shades
        for (ShadeRect s : f.shades()) {
            g.setFill(switch (s.kind()) {
                case PARTITIONED -> GROUP_COLORS[Math.floorMod(s.group(), GROUP_COLORS.length)];
                case ISOLATED -> Color.rgb(250, 200, 60, 0.3);
                case PAUSED -> Color.rgb(150, 150, 150, 0.3);
                case CRASHED -> Color.rgb(60, 60, 60, 0.18);
            });
            g.fillRect(s.x0(), s.y0(), s.x1() - s.x0(), s.y1() - s.y0());
            if (s.x1() - s.x0() > 60) {
                g.setFill(Color.rgb(60, 60, 60));
                g.setFont(SMALL);
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.TOP);
                g.fillText(s.label(), s.x0() + 3, s.y0() + 1);
            }
        }
        g.save();
        g.beginPath();
        g.rect(left - 6, f.plotTop(), right - left + 12, h - f.plotTop());
        g.clip();
        // rules
        for (Rule r : f.rules()) {
            g.setStroke(r.kind() == DiagramFrame.RuleKind.VIOLATION ? Color.rgb(210, 30, 30) : Color.rgb(230, 130, 0));
            g.setLineWidth(2);
            g.setLineDashes(6, 4);
            g.strokeLine(r.x(), f.plotTop(), r.x(), h);
            g.setLineDashes();
            g.setFont(SMALL);
            g.setFill(g.getStroke());
            boolean roomRight = r.x() + 110 < right;
            g.setTextAlign(roomRight ? TextAlignment.LEFT : TextAlignment.RIGHT);
            g.setTextBaseline(VPos.BOTTOM);
            double ly = r.kind() == DiagramFrame.RuleKind.DIVERGENCE ? h - 16 : h - 3; // never on top of each other
            g.fillText(r.label(), roomRight ? r.x() + 4 : r.x() - 4, ly);
        }
        // arrows
        for (Arrow a : f.arrows()) {
            drawArrow(g, a);
        }
        // marks
        for (Mark m : f.marks()) {
            if (!m.inCone()) {
                drawMark(g, m);
            }
        }
        for (Mark m : f.marks()) {
            if (m.inCone()) {
                drawMark(g, m); // the causal past on top of what shares its spot
            }
        }
        // cursor
        if (f.cursorX() >= left - 1 && f.cursorX() <= right + 1) {
            g.setStroke(Color.rgb(30, 90, 200));
            g.setLineWidth(2);
            g.strokeLine(f.cursorX(), f.plotTop(), f.cursorX(), h);
            g.setFill(Color.rgb(30, 90, 200));
            g.fillPolygon(new double[] {f.cursorX() - 6, f.cursorX() + 6, f.cursorX()},
                    new double[] {f.plotTop(), f.plotTop(), f.plotTop() + 8}, 3);
        }
        g.restore();

        // axis
        g.setFill(Color.rgb(246, 246, 246));
        g.fillRect(0, 0, w, f.plotTop());
        g.setStroke(Color.rgb(190, 190, 190));
        g.setLineWidth(1);
        g.strokeLine(0, f.plotTop(), w, f.plotTop());
        g.setFont(SMALL);
        g.setFill(Color.rgb(70, 70, 70));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        for (Tick t : f.ticks()) {
            if (t.x() >= left && t.x() <= right) {
                g.strokeLine(t.x(), f.plotTop() - 4, t.x(), f.plotTop());
                g.fillText(t.label(), t.x(), f.plotTop() / 2);
            }
        }
        // labels
        g.setFill(Color.rgb(250, 250, 250));
        g.fillRect(0, f.plotTop() + 1, DiagramLayout.LABEL_WIDTH - 4, h);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (LaneRow lane : f.lanes()) {
            g.setFont(lane.node() < 0 ? SMALL : LABEL);
            g.setFill(lane.node() < 0 ? Color.GRAY : Color.rgb(30, 30, 30));
            g.fillText(lane.label(), 8, lane.y());
        }
        if (f.thinned()) {
            g.setFont(SMALL);
            g.setFill(Color.GRAY);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText("zoomed out: one mark per pixel column (zoom in for every event)", right, h - 3);
        }
    }

    private static void drawArrow(GraphicsContext g, Arrow a) {
        Color c = switch (a.kind()) {
            case DELIVERED -> Color.rgb(90, 110, 140);
            case DROPPED -> Color.rgb(200, 60, 40);
            case DUPLICATE -> Color.rgb(140, 80, 180);
        };
        if (a.inCone()) {
            c = CONE;
        }
        g.setStroke(c);
        g.setFill(c);
        g.setLineWidth(a.inCone() ? 2.2 : 1.1);
        if (a.kind() == DiagramFrame.ArrowKind.DUPLICATE) {
            g.setLineDashes(4, 3);
        } else if (a.kind() == DiagramFrame.ArrowKind.DROPPED) {
            g.setLineDashes(2, 3);
        }
        g.strokeLine(a.x0(), a.y0(), a.x1(), a.y1());
        g.setLineDashes();
        double dx = a.x1() - a.x0();
        double dy = a.y1() - a.y0();
        double len = Math.hypot(dx, dy);
        if (len > 8 && a.kind() != DiagramFrame.ArrowKind.DROPPED) {
            double ux = dx / len;
            double uy = dy / len;
            double bx = a.x1() - ux * 8;
            double by = a.y1() - uy * 8;
            g.fillPolygon(new double[] {a.x1(), bx - uy * 3.5, bx + uy * 3.5},
                    new double[] {a.y1(), by + ux * 3.5, by - ux * 3.5}, 3);
        }
        if (a.kind() == DiagramFrame.ArrowKind.DROPPED) {
            // where and why it died: an X at the receiver with the reason
            g.setLineWidth(2);
            g.strokeLine(a.x1() - 5, a.y1() - 5, a.x1() + 5, a.y1() + 5);
            g.strokeLine(a.x1() - 5, a.y1() + 5, a.x1() + 5, a.y1() - 5);
            g.setFont(SMALL);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(a.label(), a.x1() + 6, a.y1() - 4);
        }
    }

    private static void drawMark(GraphicsContext g, Mark m) {
        double x = m.x();
        double y = m.y();
        Color base = switch (m.kind()) {
            case MESSAGE_SENT -> Color.rgb(40, 110, 200);
            case MESSAGE_DELIVERED -> Color.rgb(40, 150, 90);
            case MESSAGE_DUPLICATED -> Color.rgb(140, 80, 180);
            case TIMER_SET, TIMER_CANCELLED -> Color.rgb(160, 160, 160);
            case TIMER_FIRED -> Color.rgb(230, 150, 20);
            case LOG, NOTE -> Color.rgb(90, 90, 90);
            case NETWORK_CHANGED -> Color.rgb(230, 120, 0);
            default -> Color.rgb(60, 60, 60);
        };
        Color c = m.inCone() ? CONE : base;
        g.setFill(c);
        g.setStroke(c);
        switch (m.shape()) {
            case DOT -> g.fillOval(x - 3.5, y - 3.5, 7, 7);
            case BAR -> g.fillRect(x - 1.5, y - 8, 3, 16);
            case CROSS -> {
                g.setStroke(m.inCone() ? CONE : Color.rgb(200, 20, 20));
                g.setLineWidth(3);
                g.strokeLine(x - 7, y - 7, x + 7, y + 7);
                g.strokeLine(x - 7, y + 7, x + 7, y - 7);
            }
            case RESTART -> {
                g.setStroke(m.inCone() ? CONE : Color.rgb(20, 140, 60));
                g.setLineWidth(2.5);
                g.strokeArc(x - 7, y - 7, 14, 14, 30, 300, javafx.scene.shape.ArcType.OPEN);
            }
            case DIAMOND -> {
                g.setFill(Color.rgb(210, 30, 30));
                g.fillPolygon(new double[] {x, x + 8, x, x - 8}, new double[] {y - 8, y, y + 8, y}, 4);
            }
            case DROP -> {
                g.setStroke(m.inCone() ? CONE : Color.rgb(200, 60, 40));
                g.setLineWidth(2);
                g.strokeLine(x - 5, y - 5, x + 5, y + 5);
                g.strokeLine(x - 5, y + 5, x + 5, y - 5);
            }
        }
        if (m.selected()) {
            g.setStroke(CONE);
            g.setLineWidth(2);
            g.strokeOval(x - 8, y - 8, 16, 16);
        }
    }
}
