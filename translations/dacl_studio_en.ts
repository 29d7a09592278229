<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>PatientReport</name>
    <message numerus="yes">
        <source>… %n more field(s) in the file&apos;s header</source>
        <translation>
            <numerusform>… %n more field in the file&apos;s header</numerusform>
            <numerusform>… %n more fields in the file&apos;s header</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dacl::ui::ContextBar</name>
    <message numerus="yes">
        <source>Dataset: %1 · %Ln record(s)</source>
        <translation>
            <numerusform>Dataset: %1 · %Ln record</numerusform>
            <numerusform>Dataset: %1 · %Ln records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dacl::ui::DatasetView</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  ·  %n skipped</source>
        <translation>
            <numerusform>  ·  %n skipped</numerusform>
            <numerusform>  ·  %n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) selected in the embedding</source>
        <translation>
            <numerusform>%n record selected in the embedding</numerusform>
            <numerusform>%n records selected in the embedding</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dacl::ui::EcgView</name>
    <message numerus="yes">
        <source>%n R peak(s)</source>
        <translation>
            <numerusform>%n R peak</numerusform>
            <numerusform>%n R peaks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n window(s) of %1 s</source>
        <translation>
            <numerusform>%n window of %1 s</numerusform>
            <numerusform>%n windows of %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n lead</numerusform>
            <numerusform>%n leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n annotation</numerusform>
            <numerusform>%n annotations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dacl::ui::EmbeddingView</name>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected record(s)</source>
        <translation>
            <numerusform>%n selected record</numerusform>
            <numerusform>%n selected records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n point(s) ringed</source>
        <translation>
            <numerusform>%1: %n point ringed</numerusform>
            <numerusform>%1: %n points ringed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dacl::ui::MainWindow</name>
    <message numerus="yes">
        <source>%1: %n record(s)</source>
        <translation>
            <numerusform>%1: %n record</numerusform>
            <numerusform>%1: %n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dacl::ui::ProbabilityBand</name>
    <message numerus="yes">
        <source>t = %1 s · p(%2) = %3 (%n span(s))</source>
        <translation>
            <numerusform>t = %1 s · p(%2) = %3 (%n span)</numerusform>
            <numerusform>t = %1 s · p(%2) = %3 (%n spans)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dacl::ui::RocView</name>
    <message numerus="yes">
        <source>+ %n more curve(s), listed under Curves</source>
        <translation>
            <numerusform>+ %n more curve, listed under Curves</numerusform>
            <numerusform>+ %n more curves, listed under Curves</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dacl::ui::RunsView</name>
    <message numerus="yes">
        <source>Wrote %n row(s) to %1</source>
        <translation>
            <numerusform>Wrote %n row to %1</numerusform>
            <numerusform>Wrote %n rows to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n run(s)</source>
        <translation>
            <numerusform>%1 of %n run</numerusform>
            <numerusform>%1 of %n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) and all their results from the file?</source>
        <translation>
            <numerusform>Delete %n run and all their results from the file?</numerusform>
            <numerusform>Delete %n runs and all their results from the file?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n baseline run(s) belonging to them will be deleted too.</source>
        <translation>
            <numerusform>%n baseline run belonging to them will be deleted too.</numerusform>
            <numerusform>%n baseline runs belonging to them will be deleted too.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dacl::ui::ScatteringView</name>
    <message numerus="yes">
        <source>Order-1 scalogram (%n path(s), centre frequencies of the first-order Morlet filters)</source>
        <translation>
            <numerusform>Order-1 scalogram (%n path, centre frequencies of the first-order Morlet filters)</numerusform>
            <numerusform>Order-1 scalogram (%n paths, centre frequencies of the first-order Morlet filters)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Order 2 below %1 (%n path(s))</source>
        <translation>
            <numerusform>Order 2 below %1 (%n path)</numerusform>
            <numerusform>Order 2 below %1 (%n paths)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scattering Transformer tokens (%n layer(s) of parameter-free attention)</source>
        <translation>
            <numerusform>Scattering Transformer tokens (%n layer of parameter-free attention)</numerusform>
            <numerusform>Scattering Transformer tokens (%n layers of parameter-free attention)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dacl::ui::TrainingForm</name>
    <message numerus="yes">
        <source>%1 (%n record(s))</source>
        <translation>
            <numerusform>%1 (%n record)</numerusform>
            <numerusform>%1 (%n records)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fold(s)</source>
        <translation>
            <numerusform>%n fold</numerusform>
            <numerusform>%n folds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dacl::ui::TrainingView</name>
    <message numerus="yes">
        <source>Device: %1, %n thread(s)</source>
        <translation>
            <numerusform>Device: %1, %n thread</numerusform>
            <numerusform>Device: %1, %n threads</numerusform>
        </translation>
    </message>
</context>
</TS>
