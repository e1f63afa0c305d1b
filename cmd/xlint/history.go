package main

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/output"
)

const historyUsage = `Usage:
  xlint history add    [--account A] [--at TIME] PATH...   record published posts
  xlint history import [--account A] FILE       X archive (tweets.js or the .zip) or API pages
  xlint history stats  [--format text|json]     counts per account
  xlint history prune  --keep DURATION          drop records older than that (atomic rewrite)
Every subcommand takes --history FILE, --config FILE and --no-config.
`

func (e *env) history(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, historyUsage)
		return exitError
	}
	switch args[0] {
	case "add":
		return e.historyAdd(args[1:])
	case "import":
		return e.historyImport(args[1:])
	case "stats":
		return e.historyStats(args[1:])
	case "prune":
		return e.historyPrune(args[1:])
	case "-h", "--help", "help":
		fmt.Fprint(e.stdout, historyUsage)
		return exitOK
	}
	e.errorf("history: unknown subcommand %q\n\n%s", args[0], historyUsage)
	return exitError
}

// historyFlags adds the flags every history subcommand shares and returns
// a function that resolves the config and the history file.
func historyFlags(fs *pflag.FlagSet) func() (*lint.Config, string, error) {
	file := fs.String("history", "", "post history file (default: .xlint/history.jsonl beside the config)")
	configFile := fs.String("config", "", "config file (default: .xlint.yaml found upward)")
	noConfig := fs.Bool("no-config", false, "use no config file")
	return func() (*lint.Config, string, error) {
		cfg, err := loadConfig(*configFile, *noConfig)
		if err != nil {
			return nil, "", err
		}
		return cfg, cmp.Or(*file, cfg.HistoryPath()), nil
	}
}

// openHistory resolves the config and the history file and loads it,
// printing what goes wrong; ok is false when the command should exit 2.
func (e *env) openHistory(resolve func() (*lint.Config, string, error)) (cfg *lint.Config, path string, ix *history.Index, ok bool) {
	cfg, path, err := resolve()
	if err == nil {
		ix, err = e.loadHistory(path, time.Time{})
	}
	if err != nil {
		e.errorf("%v", err)
		return nil, "", nil, false
	}
	return cfg, path, ix, true
}

func (e *env) historyAdd(args []string) int {
	fs := e.flags("history add", "[--account A] [--at TIME] PATH...")
	account := fs.String("account", "", "account for drafts that name none")
	atFlag := fs.String("at", "", "when the posts were published (RFC 3339; default: the draft's at, else now)")
	resolve := historyFlags(fs)
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		e.errorf("history add: name the drafts that were posted")
		return exitError
	}
	var at time.Time
	if *atFlag != "" {
		var err error
		if at, err = lint.ParseTime(*atFlag); err != nil {
			e.errorf("history add: --at: %v", err)
			return exitError
		}
	}
	cfg, path, err := resolve()
	if err != nil {
		e.errorf("%v", err)
		return exitError
	}
	posts, errs := e.readDrafts(fs.Args())
	if len(errs) > 0 {
		// Record nothing from a run whose drafts did not all read: a
		// partial record is worse than a retry.
		for _, err := range errs {
			printErrors(e.stderr, err)
		}
		return exitError
	}
	now := time.Now()
	recs := make([]history.Record, len(posts))
	for i, p := range posts {
		when := cmp.Or(at, p.At, now)
		recs[i] = history.NewRecord(when, cmp.Or(p.Account, *account, cfg.Account), "", p.File, p.Text, cfg.StoreText())
	}
	if err := history.Append(path, recs...); err != nil {
		e.errorf("history add: %v", err)
		return exitError
	}
	fmt.Fprintf(e.stdout, "recorded %d %s in %s\n", len(recs), plural(len(recs), "post", "posts"), path)
	return exitOK
}

func (e *env) historyImport(args []string) int {
	fs := e.flags("history import", "[--account A] FILE")
	account := fs.String("account", "", "account the posts belong to (default: the archive's own)")
	resolve := historyFlags(fs)
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		e.errorf("history import: name one archive file (tweets.js, the archive .zip, or API pages)")
		return exitError
	}
	cfg, path, ix, ok := e.openHistory(resolve)
	if !ok {
		return exitError
	}
	var progress func(history.ImportStats)
	if isTerminal(e.stderr) {
		progress = func(st history.ImportStats) {
			fmt.Fprintf(e.stderr, "\rimporting %s: %d posts read, %d new", fs.Arg(0), st.Read, st.Added)
		}
	}
	acct := *account
	if acct == "" && !namesAccount(fs.Arg(0)) {
		acct = cfg.Account
	}
	stats, err := history.ImportAppend(path, fs.Arg(0), acct, ix, cfg.StoreText(), progress)
	if progress != nil && stats.Read >= 10000 {
		fmt.Fprintln(e.stderr) // end the progress line
	}
	if err != nil {
		e.errorf("history import: %v", err)
		return exitError
	}
	fmt.Fprintf(e.stdout, "imported %d %s from %s into %s (%d already recorded or skipped)\n",
		stats.Added, plural(stats.Added, "post", "posts"), fs.Arg(0), path, stats.Skipped)
	return exitOK
}

func (e *env) historyStats(args []string) int {
	fs := e.flags("history stats", "[--format text|json]")
	format := formatFlag(fs, output.CommandFormats...)
	resolve := historyFlags(fs)
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	_, _, ix, ok := e.openHistory(resolve)
	if !ok {
		return exitError
	}
	if err := output.Stats(e.stdout, *format, ix.Stats()); err != nil {
		e.errorf("%v", err)
		return exitError
	}
	return exitOK
}

func (e *env) historyPrune(args []string) int {
	fs := e.flags("history prune", "--keep DURATION")
	keep := fs.String("keep", "", "keep records younger than this (e.g. 720h, 90d)")
	resolve := historyFlags(fs)
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	d, err := parseKeep(*keep)
	if err != nil {
		e.errorf("history prune: --keep: %v", err)
		return exitError
	}
	_, path, err := resolve()
	if err != nil {
		e.errorf("%v", err)
		return exitError
	}
	removed, err := history.Prune(path, time.Now().Add(-d))
	if err != nil {
		e.errorf("history prune: %v", err)
		return exitError
	}
	fmt.Fprintf(e.stdout, "removed %d %s older than %s from %s\n", removed, plural(removed, "record", "records"), *keep, path)
	return exitOK
}

// parseKeep reads a Go duration, or a whole number of days ("90d").
func parseKeep(s string) (time.Duration, error) {
	if s == "" {
		return 0, fmt.Errorf("required, e.g. --keep 720h or --keep 30d")
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%q is not a number of days", s)
		}
		// A time.Duration holds 106,751 days; more would wrap round to
		// a cutoff in the future, and prune would remove everything.
		const maxDays = math.MaxInt64 / int64(24*time.Hour)
		if int64(n) > maxDays {
			return 0, fmt.Errorf("%q is longer than the %d days a duration holds", s, maxDays)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration (like 720h or 30d)", s)
	}
	return d, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// namesAccount reports whether the archive says whose posts it holds (an
// archive .zip's account.js, an API page's authors): only when it does not
// are they the config's default account's. It reads the first post.
func namesAccount(archive string) bool {
	errFirst := errors.New("first post read")
	named := false
	history.Import(archive, "", func(r history.Record) error {
		named = r.Account != ""
		return errFirst
	})
	return named
}
