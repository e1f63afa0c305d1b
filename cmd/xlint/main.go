// Command xlint is a pre-flight linter for X (Twitter) posts: it reads
// draft posts and their media before they are submitted and predicts which
// error X would return.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

func main() {
	delayFirstGC(startHeap)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes, the same for every command and format.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

const usage = `xlint: a pre-flight linter for X (Twitter) posts

Usage:
  xlint check   [flags] [PATH...]        lint drafts (.md .txt .json .jsonl, folders, - for stdin)
  xlint probe   [--format text|json] FILE...      media facts (duration, codec, size, ...)
  xlint history add    [--account A] [--at TIME] PATH...  record published posts
  xlint history import [--account A] FILE          X archive (tweets.js, the .zip) or API pages
  xlint history stats  [--format text|json]        counts per account
  xlint history prune  --keep DURATION             drop records older than that
  xlint rules   [--format text|json]     every rule: id, code, status, severity, doc
  xlint explain [--format text|json] [CODE|RULE]   why X returns a code, and the fix
  xlint version

Run 'xlint COMMAND --help' for a command's flags.
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 bad usage, unreadable or malformed input, or a config error.
`

// env is what a command reads and writes; tests swap it.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "check":
		return e.check(rest)
	case "probe":
		return e.probe(rest)
	case "history":
		return e.history(rest)
	case "rules":
		return e.rules(rest)
	case "explain":
		return e.explain(rest)
	case "version", "--version":
		return e.version(rest)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "xlint: unknown command %q\n\n%s", cmd, usage)
	return exitError
}

// flags makes a command's flag set; errors are printed by parse.
func (e *env) flags(name, args string) *pflag.FlagSet {
	fs := pflag.NewFlagSet("xlint "+name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: xlint %s %s\n\nFlags:\n%s", name, args, fs.FlagUsages())
	}
	fs.SortFlags = false
	return fs
}

// parse parses args; it returns an exit code and false when the command
// should stop (help asked for, or bad usage).
func (e *env) parse(fs *pflag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK, false
		}
		fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
		return exitError, false
	}
	return exitOK, true
}

// formatFlag adds --format, whose first allowed value is the default; an
// unknown value is a usage error when the flags are parsed.
func formatFlag(fs *pflag.FlagSet, allowed ...string) *string {
	f := &formatValue{value: allowed[0], allowed: allowed}
	fs.Var(f, "format", "output format: "+strings.Join(allowed, ", "))
	return &f.value
}

// formatValue is a --format flag that takes only its allowed values.
type formatValue struct {
	value   string
	allowed []string
}

func (f *formatValue) String() string { return f.value }
func (f *formatValue) Type() string   { return "string" }

func (f *formatValue) Set(s string) error {
	if !slices.Contains(f.allowed, s) {
		return fmt.Errorf("unknown format %q (want %s)", s, strings.Join(f.allowed, ", "))
	}
	f.value = s
	return nil
}

// errorf prints an error the way every command does.
func (e *env) errorf(format string, args ...any) {
	fmt.Fprintf(e.stderr, "xlint: "+format+"\n", args...)
}
