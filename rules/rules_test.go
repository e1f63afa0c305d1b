package rules_test

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xlint/xlint/draft"
	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

// now is the fixtures' clock: drafts without `at` are posted then.
var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// TestRuleFixtures runs each rule alone over its folder of fixtures,
// testdata/RULE-ID/, and compares what it reports with want.golden. A
// folder may hold xlint.yaml (the config) and history.tsv (earlier posts:
// RFC 3339 time, account and text, tab-separated).
func TestRuleFixtures(t *testing.T) {
	dirs, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		id := d.Name()
		seen[id] = true
		t.Run(id, func(t *testing.T) {
			rule, ok := rules.ByID(id)
			if !ok {
				t.Fatalf("testdata/%s names no rule", id)
			}
			got := runFixture(t, filepath.Join("testdata", id), rule)
			golden := filepath.Join("testdata", id, "want.golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it, then review it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs:\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
	for _, r := range rules.All() {
		if !seen[r.ID] {
			t.Errorf("rule %s has no fixtures in testdata/%s", r.ID, r.ID)
		}
	}
}

func runFixture(t *testing.T, dir string, rule *lint.Rule) string {
	t.Helper()
	cfg := lint.DefaultConfig()
	if p := filepath.Join(dir, "xlint.yaml"); fileExists(p) {
		var err error
		if cfg, err = lint.LoadConfig(p); err != nil {
			t.Fatal(err)
		}
	}
	hist := history.NewIndex()
	if p := filepath.Join(dir, "history.tsv"); fileExists(p) {
		readHistory(t, p, hist)
	}
	engine, err := lint.NewEngine(cfg, []*lint.Rule{rule}, lint.Options{Now: now, History: hist})
	if err != nil {
		t.Fatal(err)
	}
	files, errs := draft.Files([]string{dir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var posts []*lint.Post
	for _, f := range files {
		ps, err := draft.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		posts = append(posts, ps...)
	}
	var b strings.Builder
	for _, r := range engine.Check(posts) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		name := strings.TrimPrefix(filepath.ToSlash(r.Post.File), filepath.ToSlash(dir)+"/")
		if r.Post.Index > 0 {
			name = fmt.Sprintf("%s#%d", name, r.Post.Index)
		}
		for _, f := range r.Findings {
			fmt.Fprintf(&b, "%s:%d:%d-%d:%d: %s: %s: %s (fix: %s)\n", name, f.Start.Line, f.Start.Column, f.End.Line, f.End.Column, f.Severity, f.Code, f.Message, f.Fix)
		}
		if p := r.Prediction; p != nil {
			fmt.Fprintf(&b, "%s: X would return %d %q\n", name, p.Status, p.Code)
		}
		if len(r.Findings) == 0 {
			fmt.Fprintf(&b, "%s: ok\n", name)
		}
	}
	return b.String()
}

func readHistory(t *testing.T, path string, ix *history.Index) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		parts := strings.SplitN(sc.Text(), "\t", 3)
		if len(parts) != 3 {
			t.Fatalf("%s:%d: want TIME<tab>ACCOUNT<tab>TEXT", path, n)
		}
		at, err := time.Parse(time.RFC3339, parts[0])
		if err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		ix.Add(history.NewRecord(at, parts[1], fmt.Sprintf("h%d", n), "", parts[2], true))
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func TestRuleDocs(t *testing.T) {
	for _, r := range rules.All() {
		if r.Doc.Title == "" || r.Doc.Text == "" || r.Doc.Fix == "" {
			t.Errorf("%s: incomplete doc %+v", r.ID, r.Doc)
		}
		if strings.HasSuffix(r.Doc.Title, ".") || strings.ToLower(r.Doc.Title[:1]) != r.Doc.Title[:1] {
			t.Errorf("%s: title %q: lowercase, no trailing period", r.ID, r.Doc.Title)
		}
		for _, c := range r.Codes {
			code, ok := lint.LookupCode(c)
			if !ok || code.Code != c {
				t.Errorf("%s: code %q is not in the catalog", r.ID, c)
			}
		}
	}
	// Every catalog code that can be raised has a rule raising it.
	for _, c := range lint.Codes {
		if c.ResponseOf != "" || c.Code == "xlint-ignore" {
			continue
		}
		found := false
		for _, r := range rules.All() {
			for _, rc := range r.Codes {
				found = found || rc == c.Code
			}
		}
		if !found {
			t.Errorf("code %q has no rule", c.Code)
		}
	}
}

// TestAllReturnsCopies: a caller that changes the rules All or ByID gave
// it changes neither the package's rules nor another caller's.
func TestAllReturnsCopies(t *testing.T) {
	mine := rules.All()
	for _, r := range mine {
		r.Severity = lint.Off
		if len(r.Codes) > 0 {
			r.Codes[0] = "changed"
		}
	}
	r, _ := rules.ByID("url-shortener")
	r.Severity = lint.Off
	for _, r := range rules.All() {
		if r.Severity == lint.Off || len(r.Codes) > 0 && r.Codes[0] == "changed" {
			t.Fatalf("rule %s changed through another caller's copy: %+v", r.ID, r)
		}
	}
	if r, _ := rules.ByID("url-shortener"); r.Severity != lint.Error || rules.URLShortener.Severity != lint.Error {
		t.Errorf("url-shortener severity %v, package's %v; want error", r.Severity, rules.URLShortener.Severity)
	}
}
