package org.linuxssi.tools.krgadm;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code krgadm scheduler}: alone it means {@code scheduler show}, like cluster and nodes. */
@Command(name = "scheduler", description = "Scheduler mode: show (the default), set.")
final class SchedulerCommand implements Callable<Integer> {

    private final SchedulerShowCommand show;

    SchedulerCommand(SchedulerShowCommand show) {
        this.show = show;
    }

    @Override
    public Integer call() {
        return show.call();
    }
}
