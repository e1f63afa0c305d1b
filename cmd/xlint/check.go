package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/xlint/xlint/draft"
	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/internal/regular"
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/output"
	"github.com/xlint/xlint/rules"
)

// maxStdin bounds a draft read from stdin, like draft.MaxFileSize.
const maxStdin = draft.MaxFileSize

func (e *env) check(args []string) int {
	fs := e.flags("check", "[flags] [PATH...]")
	format := formatFlag(fs, output.Formats...)
	configFile := fs.String("config", "", "config file (default: .xlint.yaml found upward from the working directory)")
	noConfig := fs.Bool("no-config", false, "use no config file")
	historyFile := fs.String("history", "", "post history file (default: .xlint/history.jsonl beside the config)")
	noHistory := fs.Bool("no-history", false, "check against no history (the run's own posts still count)")
	account := fs.String("account", "", "account for drafts that name none")
	plan := fs.String("plan", "", "subscription plan for drafts that name none: free, premium, premium-plus")
	tier := fs.String("tier", "", "API tier for drafts that name none: free, basic, pro, enterprise, pay-per-use")
	now := fs.String("now", "", "evaluate as if it were this time (RFC 3339)")
	failOn := fs.String("fail-on", "error", "exit 1 on findings at or above: error, warning, none")
	shorteners := fs.StringArray("shorteners", nil, "extra URL shortener hosts, one a line (repeatable)")
	blocklists := fs.StringArray("blocklist", nil, "blocked hosts, one a line (repeatable)")
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	if *noHistory && *historyFile != "" {
		e.errorf("--history and --no-history contradict each other")
		return exitError
	}
	threshold, err := failThreshold(*failOn)
	if err != nil {
		e.errorf("--fail-on: %v", err)
		return exitError
	}
	clock := time.Now()
	if *now != "" {
		if clock, err = lint.ParseTime(*now); err != nil {
			e.errorf("--now: %v", err)
			return exitError
		}
	}
	for _, v := range []struct {
		flag, value string
		allowed     []string
	}{
		{"--plan", *plan, lint.Plans}, {"--tier", *tier, lint.Tiers},
	} {
		if v.value != "" && !slices.Contains(v.allowed, v.value) {
			e.errorf("%s: %q is not one of %v", v.flag, v.value, v.allowed)
			return exitError
		}
	}

	cfg, err := loadConfig(*configFile, *noConfig)
	if err != nil {
		e.errorf("%v", err)
		return exitError
	}
	engine, err := lint.NewEngine(cfg, rules.All(), lint.Options{
		Now: clock, ShortenerFiles: *shorteners, BlocklistFiles: *blocklists,
	})
	if err != nil {
		e.errorf("%v", err)
		return exitError
	}
	histFile := cmp.Or(*historyFile, cfg.HistoryPath())
	if !*noHistory {
		// Say what is wrong with the history file now, not after waiting
		// for the drafts (on stdin, say).
		if err := readable(histFile); err != nil {
			e.errorf("%v", err)
			return exitError
		}
	}
	posts, readErrs := e.readDrafts(fs.Args())
	for _, p := range posts {
		p.Account = cmp.Or(p.Account, *account)
		p.Plan = cmp.Or(p.Plan, *plan)
		p.Tier = cmp.Or(p.Tier, *tier)
	}
	if !*noHistory {
		// The drafts' times say how far back the history matters: the
		// rest of a long history is left unread.
		hist, err := e.loadHistory(histFile, historyFrom(cfg, posts, clock))
		if err != nil {
			e.errorf("%v", err)
			return exitError
		}
		engine.SetHistory(hist)
	}
	results := engine.Check(posts)
	code := exitOK
	var runErrs []output.RunError
	for _, err := range readErrs {
		code = exitError
		eachError(err, func(err error) {
			io.WriteString(e.stderr, err.Error()+"\n")
			rerr := output.RunError{Msg: err.Error()}
			if de := (*draft.Error)(nil); errors.As(err, &de) {
				rerr = output.RunError{File: de.File, Line: de.Line, Msg: de.Msg}
				// A workflow's log shows stderr, but only stdout's
				// commands become annotations on the pull request.
				if *format == "github" {
					output.GitHubFileError(e.stdout, de.File, de.Line, de.Msg, output.Options{Root: repoRoot()})
				}
			}
			runErrs = append(runErrs, rerr)
		})
	}
	for _, r := range results {
		if r.Err != nil {
			eachError(r.Err, func(err error) {
				io.WriteString(e.stderr, err.Error()+"\n")
				runErrs = append(runErrs, output.RunError{File: r.Post.File, Line: r.Post.StartLine(), Msg: err.Error()})
			})
			code = exitError
		}
	}
	opts := output.Options{Color: colorOK(e.stdout), Version: version(), Root: repoRoot(), Rules: rules.All(), Errors: runErrs}
	if err := output.Write(e.stdout, *format, results, opts); err != nil {
		e.errorf("%v", err)
		return exitError
	}
	if code == exitOK && threshold != lint.Off && failing(results, threshold) {
		code = exitFindings
	}
	return code
}

func failThreshold(s string) (lint.Severity, error) {
	switch s {
	case "error":
		return lint.Error, nil
	case "warning":
		return lint.Warning, nil
	case "none":
		return lint.Off, nil
	}
	return lint.Off, fmt.Errorf("want error, warning or none, not %q", s)
}

func failing(results []lint.Result, threshold lint.Severity) bool {
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Severity >= threshold {
				return true
			}
		}
	}
	return false
}

// readDrafts reads the drafts the paths name (stdin when there are none, or
// for "-"), in parallel, keeping the command line's order: draft.Files
// expands folders in place and leaves "-" where it was.
func (e *env) readDrafts(paths []string) ([]*lint.Post, []error) {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	files, errs := draft.Files(paths)

	perFile := make([][]*lint.Post, len(files))
	fileErrs := make([]error, len(files))
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(1, len(files))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if files[i] == "-" { // once: Files returns it once
					perFile[i], fileErrs[i] = e.readStdin()
				} else {
					perFile[i], fileErrs[i] = draft.ReadFile(files[i])
				}
			}
		}()
	}
	for i := range files {
		work <- i
	}
	close(work)
	wg.Wait()

	var posts []*lint.Post
	for i := range files {
		posts = append(posts, perFile[i]...)
		if fileErrs[i] != nil {
			errs = append(errs, fileErrs[i])
		}
	}
	return posts, errs
}

// readStdin reads the draft on stdin, as text.
func (e *env) readStdin() ([]*lint.Post, error) {
	data, err := io.ReadAll(io.LimitReader(e.stdin, maxStdin+1))
	switch {
	case err != nil:
		return nil, &draft.Error{File: "-", Msg: err.Error()}
	case len(data) > maxStdin:
		return nil, &draft.Error{File: "-", Msg: fmt.Sprintf("stdin is larger than %d MiB", draft.MaxFileSize>>20)}
	}
	return draft.ParseStdin(data)
}

// printErrors prints one error a line, unwrapping joined errors.
func printErrors(w io.Writer, err error) {
	eachError(err, func(err error) { io.WriteString(w, err.Error()+"\n") })
}

// eachError calls fn with each error joined in err (errors.Join), or with
// err itself.
func eachError(err error, fn func(error)) {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			eachError(e, fn)
		}
		return
	}
	fn(err)
}

// loadConfig finds and reads the config: --no-config, --config, or the
// first .xlint.yaml upward from the working directory.
func loadConfig(file string, none bool) (*lint.Config, error) {
	switch {
	case none && file != "":
		// As golangci-lint does: which of the two was meant is a guess.
		return nil, errors.New("--config and --no-config contradict each other")
	case none:
		return lint.DefaultConfig(), nil
	case file != "":
		return lint.LoadConfig(file)
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	found, err := lint.FindConfig(wd)
	if err != nil || found == "" {
		return lint.DefaultConfig(), err
	}
	// Keep paths short in messages: relative to the working directory.
	if rel, err := filepath.Rel(wd, found); err == nil {
		found = rel
	}
	return lint.LoadConfig(found)
}

// historyFrom is the earliest time of a history record that checking
// posts can look at; posts without a time are posted at clock.
func historyFrom(cfg *lint.Config, posts []*lint.Post, clock time.Time) time.Time {
	from := cfg.HistoryFrom(clock)
	for _, p := range posts {
		if p.At.IsZero() {
			continue
		}
		if f := cfg.HistoryFrom(p.At); f.Before(from) {
			from = f
		}
	}
	return from
}

// readable returns what stops the history file at path from being read,
// if anything: a missing file is an empty history.
func readable(path string) error {
	f, _, err := regular.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// loadHistory loads the history file from since on (the zero time: all of
// it), printing its warnings.
func (e *env) loadHistory(file string, since time.Time) (*history.Index, error) {
	ix, warnings, err := history.LoadSince(file, since)
	if errors.Is(err, history.ErrNoRecords) {
		// The error quotes the first line; a warning a line would bury it.
		return nil, err
	}
	for _, w := range warnings {
		e.errorf("warning: %v", w)
	}
	return ix, err
}
