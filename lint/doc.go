// Package lint is inboxlint's engine. It knows nothing about particular
// checks: those are Rules (package rules), each a small value with a Doc and
// a Check method, handed to Run as an explicit list and validated at
// start-up.
//
// For every template Run parses the source (package render), renders each
// variant, loads the sample members, and gives each enabled rule a Pass: the
// parsed template, the rendered variants and the members. A rule reports
// findings only through the Pass, naming the exact source span; the engine
// stamps the rule id, the severity (the config's override or the rule's
// default), the file, and the variant and member, drops what an ignore
// directive silences, and sorts everything by file, line, column and rule so
// output is the same whatever the number of cores.
//
// The rules see each text once per distinct render, not once per variant
// (Pass.FirstSeen), and each member class once, not each member
// (Pass.Longest, Pass.MacroValues), and their work on one file is bounded
// by RuleBudget: estimated before they run, and counted on as they report,
// a file over it gets one syntax finding and no other.
//
// Configuration (.inboxlint.yaml) is found per file by walking up from its
// directory to the repository root; rule options are decoded into each
// rule's own typed options by its Configure method. Every file the engine
// reads (templates, members files, configs, baselines) goes through package
// lint/repofs, which confines it to that root. Output formats live in
// format_*.go.
package lint
