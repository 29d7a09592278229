<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
        <name>dacl::ui::TrainingView</name>
        <message numerus="yes">
            <source>%1 on %2 (%n fold(s))</source>
            <translation>
                <numerusform>%1 on %2 (%n fold)</numerusform>
                <numerusform>%1 on %2 (%n folds)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Device: %1, %n thread(s)</source>
            <translation>
                <numerusform>Device: %1, %n thread</numerusform>
                <numerusform>Device: %1, %n threads</numerusform>
            </translation>
        </message>
    </context>
</TS>
