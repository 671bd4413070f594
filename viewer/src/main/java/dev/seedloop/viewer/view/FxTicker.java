package dev.seedloop.viewer.view;

import dev.seedloop.viewer.viewmodel.Ticker;
import java.time.Duration;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;

/** A {@link Ticker} on a JavaFX {@link Timeline}. */
final class FxTicker implements Ticker {
    private Timeline timeline;

    @Override
    public void start(Duration period, Runnable tick) {
        stop();
        timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(period.toMillis()), e -> tick.run()));
        timeline.setCycleCount(Animation.INDEFINITE);
        timeline.play();
    }

    @Override
    public void stop() {
        if (timeline != null) {
            timeline.stop();
            timeline = null;
        }
    }
}
