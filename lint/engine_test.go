package lint_test

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
	"github.com/xlint/xlint/rules"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func check(t *testing.T, cfg *lint.Config, posts ...*lint.Post) []lint.Result {
	t.Helper()
	if cfg == nil {
		cfg = lint.DefaultConfig()
	}
	e, err := lint.NewEngine(cfg, rules.All(), lint.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return e.Check(posts)
}

func codes(r lint.Result) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Code)
	}
	return out
}

func TestPredictionPrecedence(t *testing.T) {
	// Each finding is built by hand: precedence is the engine's, not a
	// rule's, concern.
	f := func(rule, code string, status int, category string) lint.Finding {
		return lint.Finding{Rule: rule, Code: code, Status: status, Category: category, Severity: lint.Error}
	}
	tests := []struct {
		name     string
		findings []lint.Finding
		want     string
	}{
		{"auth before rate limit", []lint.Finding{
			f("usage-cap", "usage cap", 429, lint.RateLimit), f("unauthorized", "unauthorized", 401, lint.Authentication)}, "unauthorized"},
		{"rate limit before media", []lint.Finding{
			f("video-duration", "video longer than 2 minutes", 403, lint.MediaCategory), f("usage-capped", "usage-capped", 429, lint.RateLimit)}, "usage-capped"},
		{"media before content", []lint.Finding{
			f("already-posted", "you have already posted this", 403, lint.Content), f("video-duration", "video length", 403, lint.MediaCategory)}, "video length"},
		{"duplicates before urls", []lint.Finding{
			f("url-shortener", "invalid url", 403, lint.Content), f("duplicate-rules", "duplicate-rules", 403, lint.Content)}, "duplicate-rules"},
		{"urls before other content", []lint.Finding{
			f("text-too-long", "text too long", 403, lint.Content), f("url-blocked", "The Tweet contains an invalid URL", 403, lint.Content)}, "The Tweet contains an invalid URL"},
		{"403 before 400", []lint.Finding{
			f("empty-post", "empty post", 400, lint.Content), f("text-too-long", "text too long", 403, lint.Content)}, "text too long"},
		{"ties by rule id", []lint.Finding{
			f("duplicate-rules", "duplicate-rules", 403, lint.Content), f("already-posted", "you have already posted this", 403, lint.Content)}, "you have already posted this"},
		{"warnings never predict", []lint.Finding{
			{Rule: "video-format", Code: "video format", Status: 400, Category: lint.MediaCategory, Severity: lint.Warning}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := lint.Predict(tt.findings)
			got := ""
			if p != nil {
				got = p.Code
			}
			if got != tt.want {
				t.Errorf("Predict = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPredictionMessageIsXsResponse(t *testing.T) {
	p := lint.Predict([]lint.Finding{{Rule: "video-duration", Code: "video longer than 2 minutes", Status: 403, Category: lint.MediaCategory, Severity: lint.Error, Message: "video is 141.0 s"}})
	if p == nil || p.Message != "This user is not allowed to post a video longer than 2 minutes" {
		t.Fatalf("prediction = %+v", p)
	}
}

func TestSeveralRulesAtOnce(t *testing.T) {
	dir := t.TempDir()
	cred := filepath.Join(dir, "token.json")
	if err := os.WriteFile(cred, []byte(`{"access_token":"s3cr3t-t0ken","revoked":true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := lint.DefaultConfig()
	cfg.Credentials = cred
	cfg.URLs.Block = []string{"spamsite.com"}
	long := strings.Repeat("word ", 60)
	results := check(t, cfg,
		&lint.Post{Text: long + "https://bit.ly/x https://spamsite.com/y", Account: "acme"},
	)
	r := results[0]
	if r.Prediction == nil || r.Prediction.Code != "unauthorized" {
		t.Fatalf("prediction = %+v, findings %v", r.Prediction, codes(r))
	}
	for _, want := range []string{"unauthorized", "invalid url", "The Tweet contains an invalid URL", "text too long"} {
		if !strings.Contains(strings.Join(codes(r), "|"), want) {
			t.Errorf("missing %q in %v", want, codes(r))
		}
	}
	for _, f := range r.Findings {
		if strings.Contains(f.Message, "s3cr3t") || strings.Contains(f.Fix, "s3cr3t") {
			t.Errorf("token leaked in %+v", f)
		}
	}
}

func TestBatchOrderByTime(t *testing.T) {
	// The later post (by at) is the duplicate, whatever the input order.
	later := &lint.Post{Text: "Same words here", Account: "acme", At: now.Add(time.Hour), File: "b.md"}
	earlier := &lint.Post{Text: "Same words here", Account: "acme", At: now, File: "a.md"}
	results := check(t, nil, later, earlier)
	if got := codes(results[0]); len(got) != 1 || got[0] != "you have already posted this" {
		t.Errorf("later post: %v", got)
	}
	if got := codes(results[1]); len(got) != 0 {
		t.Errorf("earlier post: %v", got)
	}
}

// TestSamePostTwice: one post given twice is checked twice, the second
// time as a copy of the first.
func TestSamePostTwice(t *testing.T) {
	p := &lint.Post{Text: "Same words here", Account: "acme", File: "a.md"}
	results := check(t, nil, p, p)
	if got := codes(results[0]); len(got) != 0 {
		t.Errorf("first: %v", got)
	}
	if got := codes(results[1]); len(got) != 1 || got[0] != "you have already posted this" {
		t.Errorf("second: %v", got)
	}
}

func TestIgnores(t *testing.T) {
	p := &lint.Post{Text: "see https://bit.ly/x", Ignores: []lint.Ignore{
		{Rule: "url-shortener", Reason: "our branded link"},
		{Rule: "too-many-urls", Reason: "just in case"},
		{Rule: "empty-post"},
	}}
	r := check(t, nil, p)[0]
	var msgs []string
	for _, f := range r.Findings {
		msgs = append(msgs, f.Rule+": "+f.Message)
	}
	want := []string{
		"xlint-ignore: xlint-ignore of too-many-urls matches no finding",
		"xlint-ignore: xlint-ignore of empty-post has no reason",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") && strings.Join(msgs, "\n") != strings.Join([]string{want[1], want[0]}, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	if r.Prediction != nil {
		t.Errorf("ignored finding still predicts %+v", r.Prediction)
	}
}

func TestRuleSeverityAndOff(t *testing.T) {
	cfg, err := lint.ParseConfig(".xlint.yaml", []byte("rules:\n  url-shortener: {severity: warning}\n  empty-post: off\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := check(t, cfg, &lint.Post{Text: "https://bit.ly/x"}, &lint.Post{Text: " "})
	if len(r[0].Findings) != 1 || r[0].Findings[0].Severity != lint.Warning || r[0].Prediction != nil {
		t.Errorf("url-shortener as warning: %+v", r[0].Findings)
	}
	if len(r[1].Findings) != 0 {
		t.Errorf("empty-post off: %+v", r[1].Findings)
	}
}

func TestPositionsInCodePoints(t *testing.T) {
	// "👩‍👩‍👧" is 5 code points, "日本" 2, "é" as e + U+0301 2: with the
	// spaces, U+FEFF is the 13th.
	text := "👩‍👩‍👧 日本 e\u0301 \uFEFF"
	r := check(t, nil, &lint.Post{Text: text})[0]
	if len(r.Findings) != 1 {
		t.Fatalf("findings: %+v", r.Findings)
	}
	f := r.Findings[0]
	if f.Start.Line != 1 || f.Start.Column != 13 || f.End.Column != 14 {
		t.Errorf("U+FEFF at %d:%d-%d, want 1:13-14", f.Start.Line, f.Start.Column, f.End.Column)
	}
}

// TestURLPositions checks the positions Check gives links, in a source
// where the text is escaped: each must be where the link is in the file.
func TestURLPositions(t *testing.T) {
	// The text "日本 a.com\nb.org c.net", written in a JSON line with
	// the newline escaped and 日 escaped too.
	data := `{"text": "\u65e5本 a.com\nb.org c.net"}`
	text := "日本 a.com\nb.org c.net"
	var m lint.TextMap
	m.AddFixed(0, 10)                // 日, from \u65e5
	m.AddRun(3, 16)                  // 本 a.com
	m.AddFixed(len("日本 a.com"), 25)  // \n
	m.AddRun(len("日本 a.com\n"), 27)  // b.org c.net
	m.AddRun(len(text), len(data)-2) // the closing quote
	post := &lint.Post{Text: text, TextStart: 10, TextMap: m, Source: lint.NewSource("f.jsonl", []byte(data))}
	r := check(t, nil, post)[0]
	var got []string
	for _, u := range r.Facts.URLs {
		got = append(got, fmt.Sprintf("%s@%d:%d", u.Text, u.Pos.Line, u.Pos.Column))
		if want := post.Position(post.TextSpan(u.Start, u.End).Start); u.Pos != want {
			t.Errorf("%s at %+v, Position says %+v", u.Text, u.Pos, want)
		}
	}
	// Columns count code points of the file: \u65e5 is six.
	if want := "a.com@1:19 b.org@1:26 c.net@1:32"; strings.Join(got, " ") != want {
		t.Errorf("URLs %s, want %s", strings.Join(got, " "), want)
	}
}

func TestSourcePositionSkipsBOMAndHandlesCRLF(t *testing.T) {
	src := lint.NewSource("a.md", []byte("\uFEFFab\r\ncd"))
	for _, tt := range []struct{ off, line, col int }{
		{3, 1, 1}, {4, 1, 2}, {5, 1, 3}, {7, 2, 1}, {8, 2, 2},
	} {
		p := src.Position(tt.off)
		if p.Line != tt.line || p.Column != tt.col {
			t.Errorf("offset %d: %d:%d, want %d:%d", tt.off, p.Line, p.Column, tt.line, tt.col)
		}
	}
}

func TestUnknownRuleInConfig(t *testing.T) {
	cfg, err := lint.ParseConfig(".xlint.yaml", []byte("rules:\n  no-such-rule: off\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lint.NewEngine(cfg, rules.All(), lint.Options{}); err == nil || !strings.Contains(err.Error(), "no-such-rule") {
		t.Errorf("NewEngine error = %v, want one naming the rule", err)
	}
}

func TestSourcePositionInAnyOrder(t *testing.T) {
	data := []byte("\uFEFFé👩‍👩‍👧 a\r\n日本語 b\nc e\u0301 d")
	fresh := func(off int) lint.Position { return lint.NewSource("f", data).Position(off) }
	src := lint.NewSource("f", data)
	offsets := rand.Perm(len(data) + 1)
	offsets = append(offsets, offsets...) // and again, now that it remembers
	for _, off := range offsets {
		if got, want := src.Position(off), fresh(off); got != want {
			t.Fatalf("Position(%d) = %+v, want %+v", off, got, want)
		}
	}
}

// TestManyCopies: a batch of one text posted more times than a lookup
// visits. Each post keeps the few matches its rules need, messages name
// the newest copy and the first of the burst, and once the lookup stops
// short the count says "at least".
func TestManyCopies(t *testing.T) {
	const n = history.MaxVisits + 5
	posts := make([]*lint.Post, n)
	for i := range posts {
		posts[i] = &lint.Post{Text: "the same words posted again and again", Account: "acme", At: now.Add(time.Duration(i) * time.Second), File: "a.md"}
	}
	// No usage caps: every copy is published, and a match for the next.
	cfg := lint.DefaultConfig()
	cfg.Tier = "enterprise"
	results := check(t, cfg, posts...)
	message := func(r lint.Result, rule string) string {
		for _, f := range r.Findings {
			if f.Rule == rule {
				return f.Message
			}
		}
		return ""
	}
	at := func(i int) string { return now.Add(time.Duration(i) * time.Second).Format(time.RFC3339) }
	for i, r := range results {
		if len(r.Facts.Matches) > 6 {
			t.Fatalf("post %d keeps %d matches", i, len(r.Facts.Matches))
		}
		if i == 0 {
			continue
		}
		if got, want := message(r, "already-posted"), "@acme's post in a.md at "+at(i-1); !strings.HasSuffix(got, want) {
			t.Fatalf("post %d: already-posted says %q, want it to end in %q", i, got, want)
		}
	}
	if got, want := message(results[2], "duplicate-rules"), "this would be the 3rd near-identical post within 1 h (X treats 3 as automated); the first is @acme's post in a.md at "+at(0); got != want {
		t.Errorf("3rd copy: %q, want %q", got, want)
	}
	if got, want := message(results[n-1], "duplicate-rules"), fmt.Sprintf("this would be at least the %dth near-identical post within 1 h (X treats 3 as automated); the first seen is @acme's post in a.md at %s", history.MaxVisits+1, at(n-1-history.MaxVisits)); got != want {
		t.Errorf("last copy: %q, want %q", got, want)
	}
}

// BenchmarkCheckCopies checks 10,000 copies of one text in one batch: each
// matches every copy before it, and the cost per post must not grow with
// their number.
func BenchmarkCheckCopies(b *testing.B) {
	posts := make([]*lint.Post, 10000)
	for i := range posts {
		posts[i] = &lint.Post{Text: "the same words posted again and again", At: now, File: "a.md"}
	}
	for b.Loop() {
		// A new engine each time: Check adds the posts to its history.
		e, err := lint.NewEngine(lint.DefaultConfig(), rules.All(), lint.Options{Now: now})
		if err != nil {
			b.Fatal(err)
		}
		e.Check(posts)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(posts)), "ns/post")
}

// TestZeroConfig: a Config built in Go with no limits set checks with the
// default ones, as its doc says, and is not changed by the engine.
func TestZeroConfig(t *testing.T) {
	post := func() *lint.Post { return &lint.Post{Text: "Hello, see https://example.com $AAA"} }
	cfg := &lint.Config{Account: "acme", Plan: "premium"}
	if got := codes(check(t, cfg, post())[0]); len(got) != 0 {
		t.Errorf("zero Limits: findings %v, want none", got)
	}
	if cfg.Limits != (lint.Limits{}) {
		t.Error("NewEngine changed the caller's Config")
	}
	// Limits set by the caller are taken as they are.
	cfg.Limits = lint.DefaultLimits()
	cfg.Limits.MaxCashtags = 0
	if got := codes(check(t, cfg, post())[0]); len(got) != 1 || got[0] != "too many cashtags" {
		t.Errorf("max_cashtags 0: findings %v, want [too many cashtags]", got)
	}
}

// TestAccountAt: "@acme" and "acme" are one account, in the history, in
// the config's accounts and on the post.
func TestAccountAt(t *testing.T) {
	hist := history.NewIndex()
	hist.Add(history.NewRecord(now.Add(-time.Hour), "acme", "1", "a.md", "launch day is here", false))
	e, err := lint.NewEngine(lint.DefaultConfig(), rules.All(), lint.Options{Now: now, History: hist})
	if err != nil {
		t.Fatal(err)
	}
	got := e.Check([]*lint.Post{{Account: "@acme", Text: "launch day is here"}})
	if c := codes(got[0]); len(c) != 1 || c[0] != "you have already posted this" {
		t.Errorf("@acme posting acme's text again: %v, want [you have already posted this]", c)
	}
	if got[0].Account != "acme" {
		t.Errorf("Result.Account = %q, want acme", got[0].Account)
	}

	long := strings.Repeat("a", 300)
	for _, tt := range []struct{ key, account string }{{"@acme", "acme"}, {"acme", "@acme"}} {
		cfg := lint.DefaultConfig()
		cfg.Accounts = map[string]lint.AccountConfig{tt.key: {Plan: "premium"}}
		if c := codes(check(t, cfg, &lint.Post{Account: tt.account, Text: long})[0]); len(c) != 0 {
			t.Errorf("config key %q, post account %q: %v, want the premium plan's length", tt.key, tt.account, c)
		}
	}
}

// TestDuplicateWindows: the duplicate window is (at-window, at], as the
// usage caps' are, and the tight-succession count looks back its own
// hour even when the duplicate window is shorter.
func TestDuplicateWindows(t *testing.T) {
	const text = "the launch is today and we are all so happy about it"
	run := func(cfg *lint.Config, posts ...history.Record) []string {
		hist := history.NewIndex()
		for _, r := range posts {
			hist.Add(r)
		}
		e, err := lint.NewEngine(cfg, rules.All(), lint.Options{Now: now, History: hist})
		if err != nil {
			t.Fatal(err)
		}
		return codes(e.Check([]*lint.Post{{Account: "acme", Text: text}})[0])
	}
	rec := func(ago time.Duration, account string) history.Record {
		return history.NewRecord(now.Add(-ago), account, "", "h.md", text, false)
	}
	if got := run(lint.DefaultConfig(), rec(24*time.Hour, "acme")); len(got) != 0 {
		t.Errorf("posted exactly 24 h before: %v, want nothing", got)
	}
	if got := run(lint.DefaultConfig(), rec(24*time.Hour-time.Second, "acme")); !slices.Equal(got, []string{"you have already posted this"}) {
		t.Errorf("posted 24 h less a second before: %v, want already posted", got)
	}
	cfg := lint.DefaultConfig()
	cfg.Window.Duration = 30 * time.Minute
	if got := run(cfg, rec(50*time.Minute, "a"), rec(40*time.Minute, "b")); !slices.Equal(got, []string{"duplicate-rules"}) {
		t.Errorf("third copy in an hour, window 30m: %v, want duplicate-rules", got)
	}
	if got := run(cfg, rec(70*time.Minute, "a"), rec(40*time.Minute, "b")); len(got) != 0 {
		t.Errorf("second copy in an hour, window 30m: %v, want nothing", got)
	}
}

// TestRateLimitedNotPublished: a draft X would refuse for a usage cap is
// not published, so it takes no place under the cap of the run's later
// drafts and is nobody's duplicate; a draft refused for its content is
// still counted, as it is posted once fixed.
func TestRateLimitedNotPublished(t *testing.T) {
	full := func() *history.Index {
		hist := history.NewIndex()
		for i := range 17 { // the free tier's cap per user per 24 h
			hist.Add(history.NewRecord(now.Add(-20*time.Hour+time.Duration(i)*time.Minute), "acme", "", "h.md", fmt.Sprint("earlier post ", i), false))
		}
		return hist
	}
	e, err := lint.NewEngine(lint.DefaultConfig(), rules.All(), lint.Options{Now: now, History: full()})
	if err != nil {
		t.Fatal(err)
	}
	results := e.Check([]*lint.Post{
		{Account: "acme", Text: "refused for the cap", At: now},
		// Four hours later the oldest earlier post has left the window:
		// one place is free, and this post takes it.
		{Account: "acme", Text: "refused for the cap", At: now.Add(4 * time.Hour)},
		{Account: "acme", Text: "the next one", At: now.Add(4*time.Hour + 30*time.Second)},
	})
	for i, want := range [][]string{{"usage cap"}, nil, {"usage cap"}} {
		if got := codes(results[i]); !slices.Equal(got, want) {
			t.Errorf("post %d: %v, want %v", i, got, want)
		}
	}

	// A cap finding made a warning, or ignored, is the user's word that
	// the post goes through: it counts.
	cfg := lint.DefaultConfig()
	cfg.Rules = map[string]lint.RuleConfig{"usage-cap": {Severity: lint.Warning}}
	for _, tt := range []struct {
		name    string
		cfg     *lint.Config
		ignores []lint.Ignore
	}{
		{"warning", cfg, nil},
		{"ignored", lint.DefaultConfig(), []lint.Ignore{{Rule: "usage-cap", Reason: "a raised quota"}}},
	} {
		e, err := lint.NewEngine(tt.cfg, rules.All(), lint.Options{Now: now, History: full()})
		if err != nil {
			t.Fatal(err)
		}
		results := e.Check([]*lint.Post{
			{Account: "acme", Text: "posted anyway", At: now, Ignores: tt.ignores},
			{Account: "acme", Text: "posted anyway", At: now.Add(time.Minute)},
		})
		if got := codes(results[1]); !slices.Contains(got, "you have already posted this") {
			t.Errorf("%s: the next post's findings %v do not count the first as posted", tt.name, got)
		}
	}
}

// TestAccountCase: X's user names ignore case, so an account's posts are
// its own however the history, the config and the draft spell it.
func TestAccountCase(t *testing.T) {
	hist := history.NewIndex()
	hist.Add(history.NewRecord(now.Add(-time.Hour), "AcmeCorp", "1", "archive", "launch day is here", false))
	for range 16 { // with the draft, the free tier's cap of 17 a day
		hist.Add(history.NewRecord(now.Add(-time.Hour), "ACMECORP", "", "a.md", "another post", false))
	}
	cfg := lint.DefaultConfig()
	cfg.Accounts = map[string]lint.AccountConfig{"Acmecorp": {Tier: "basic"}}
	e, err := lint.NewEngine(cfg, rules.All(), lint.Options{Now: now, History: hist})
	if err != nil {
		t.Fatal(err)
	}
	got := e.Check([]*lint.Post{
		{Account: "acmecorp", Text: "launch day is here"},
		{Account: "acmecorp", Text: "a new post", At: now.Add(time.Minute)},
	})
	if c := codes(got[0]); !slices.Equal(c, []string{"you have already posted this"}) {
		t.Errorf("acmecorp posting AcmeCorp's text again: %v, want [you have already posted this]", c)
	}
	// On the basic tier (the config's entry, spelt otherwise), 19 posts
	// a day are under its cap of 100.
	if got[1].Tier != "basic" || len(got[1].Findings) != 0 {
		t.Errorf("second post: tier %q, findings %v; want basic and none", got[1].Tier, codes(got[1]))
	}
	if n, _ := hist.Count("acmeCORP", now.Add(-2*time.Hour), now.Add(time.Hour)); n != 19 {
		t.Errorf("Count = %d, want 19 posts of one account", n)
	}
}

// TestCredentialsOnlyWhenNeeded: the credentials file is read only when an
// auth rule runs; a token file without a token is unauthorized, and not
// also minted for another client.
func TestCredentialsOnlyWhenNeeded(t *testing.T) {
	dir := t.TempDir()
	token := filepath.Join(dir, "token.json")
	if err := os.WriteFile(token, []byte("{bad"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := lint.DefaultConfig()
	cfg.Credentials = token
	if _, err := lint.NewEngine(cfg, rules.All(), lint.Options{Now: now}); err == nil {
		t.Error("a broken token file with the auth rules on: no error")
	}
	cfg.Rules = map[string]lint.RuleConfig{"unauthorized": {Disabled: true}, "invalid-credentials": {Disabled: true}}
	if _, err := lint.NewEngine(cfg, rules.All(), lint.Options{Now: now}); err != nil {
		t.Errorf("a broken token file with the auth rules off: %v", err)
	}

	if err := os.WriteFile(token, []byte(`{"client_id":"old"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg = lint.DefaultConfig()
	cfg.Credentials, cfg.ClientID = token, "new"
	if got := codes(check(t, cfg, &lint.Post{Text: "hello"})[0]); !slices.Equal(got, []string{"unauthorized"}) {
		t.Errorf("a token file with no token: %v, want [unauthorized]", got)
	}
}

// TestHostListErrors: a bad entry of the config's host lists is named once,
// under its key.
func TestHostListErrors(t *testing.T) {
	cfg := lint.DefaultConfig()
	cfg.URLs.Block = []string{"spam.example", "https://bit.ly/"}
	_, err := lint.NewEngine(cfg, rules.All(), lint.Options{Now: now})
	want := `urls.block: "https://bit.ly/" is a URL, not a host: list bit.ly`
	if err == nil || !strings.Contains(err.Error(), want) || strings.Count(err.Error(), "https://bit.ly/") != 1 {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// TestHistoryFrom: a check given only the history from Config.HistoryFrom
// on (history.LoadSince) finds what it finds given the whole history, for
// random histories, windows, tiers and drafts of any time.
func TestHistoryFrom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 26))
	pool := []string{
		"We shipped the new release today, read the notes and tell us what you think",
		"We shipped the new release today! Read the notes and tell us what you think 🎉",
		"We shipped the new release today, read the notes and tell us what you think please",
		"Tip #12: keep your drafts in git and let the linter check them before they go out",
		"Tip #13: keep your drafts in git and let the linter check them before they go out",
		"short one",
		"Short one!",
	}
	// Posts of one template with other numbers are distinct: enough of
	// them keep the copies of each text below history.MaxVisits, past
	// which a lookup sees only the last added.
	for k := range 60 {
		pool = append(pool, fmt.Sprintf("Day %d of the challenge: another small step, and the streak goes on", k))
	}
	for round := range 24 {
		path := filepath.Join(t.TempDir(), "history.jsonl")
		var recs []history.Record
		for i := range 6000 { // 1,800 a month, past the free tier's cap of 500 by the 9th
			at := now.Add(-time.Duration(rng.Int64N(int64(100 * 24 * time.Hour))))
			acct := []string{"a", "b"}[rng.IntN(2)]
			recs = append(recs, history.NewRecord(at, acct, fmt.Sprint(i+1), "old.md", pool[rng.IntN(len(pool))], rng.IntN(2) == 0))
		}
		if err := history.Append(path, recs...); err != nil {
			t.Fatal(err)
		}
		cfg := lint.DefaultConfig()
		cfg.Window.Duration = []time.Duration{time.Hour, 24 * time.Hour, 72 * time.Hour, 40 * 24 * time.Hour}[round%4]
		cfg.Tier = []string{"free", "basic", "pro"}[round%3]
		if round%6 == 0 {
			// Near-duplicates in tight succession, over three days.
			cfg.Limits.NearDuplicateWindow.Duration = 72 * time.Hour
		}
		// The drafts of a round are a few hours apart, at a random time of
		// the last two months or, every other round, in the first hours of
		// a month, whose day before counts for the 24-hour caps; in one
		// round in four one has no time (now).
		var drafts []lint.Post
		at0 := now.Add(-time.Duration(rng.Int64N(int64(60 * 24 * time.Hour))))
		if round%2 == 0 {
			at0 = time.Date(2026, time.Month(10+rng.IntN(2)), 1, rng.IntN(20), 0, 0, 0, time.UTC)
		}
		from := time.Time{}
		for i := range 20 {
			p := lint.Post{File: "d.md", Text: pool[rng.IntN(len(pool))], Account: []string{"a", "b"}[rng.IntN(2)]}
			at := now
			if round%4 != 3 || i > 0 {
				at = at0.Add(time.Duration(rng.Int64N(int64(3 * time.Hour))))
				p.At = at
			}
			if f := cfg.HistoryFrom(at); from.IsZero() || f.Before(from) {
				from = f
			}
			drafts = append(drafts, p)
		}
		run := func(ix *history.Index) string {
			e, err := lint.NewEngine(cfg, rules.All(), lint.Options{Now: now, History: ix})
			if err != nil {
				t.Fatal(err)
			}
			posts := make([]*lint.Post, len(drafts))
			for i := range drafts {
				p := drafts[i]
				posts[i] = &p
			}
			var b strings.Builder
			for _, r := range e.Check(posts) {
				if r.Facts.Partial {
					t.Fatalf("round %d: %q matches more than history.MaxVisits posts", round, r.Post.Text)
				}
				fmt.Fprintf(&b, "%v\n", r.Findings)
				if r.Prediction != nil {
					fmt.Fprintf(&b, "-> %d %s: %s\n", r.Prediction.Status, r.Prediction.Code, r.Prediction.Message)
				}
			}
			return b.String()
		}
		all, _, err := history.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		some, _, err := history.LoadSince(path, from)
		if err != nil {
			t.Fatal(err)
		}
		if some.Len() >= all.Len() {
			t.Fatalf("round %d: LoadSince(%v) kept all %d records", round, from, all.Len())
		}
		if got, want := run(some), run(all); got != want {
			t.Errorf("round %d (window %v, tier %s, from %v): with the history from then on\n%s\nwith all of it\n%s",
				round, cfg.Window.Duration, cfg.Tier, from, got, want)
		}
	}
}

// TestFindingsPerRule: a rule lists MaxFindingsPerRule findings for a
// post, and one more that counts the others.
func TestFindingsPerRule(t *testing.T) {
	text := strings.Repeat("bit.ly/a ", 1000) + strings.Repeat("\ufeff", 150)
	r := check(t, nil, &lint.Post{File: "p.txt", Text: text})[0]
	count := map[string]int{}
	var last lint.Finding
	for _, f := range r.Findings {
		count[f.Rule]++
		if f.Rule == "url-shortener" {
			last = f
		}
	}
	if count["url-shortener"] != lint.MaxFindingsPerRule+1 || count["invalid-characters"] != lint.MaxFindingsPerRule+1 {
		t.Errorf("findings by rule: %v; want %d of each", count, lint.MaxFindingsPerRule+1)
	}
	if !strings.HasSuffix(last.Message, "(and 899 more like it, not listed)") || last.Span.Start != 100*len("bit.ly/a ") {
		t.Errorf("last url-shortener finding: %q at %d", last.Message, last.Span.Start)
	}
}

// TestFindingsPerRuleGroups: the cap counts a rule's findings by code and
// severity, so errors after a flood of warnings are still listed and
// still predict X's answer.
func TestFindingsPerRuleGroups(t *testing.T) {
	flood := &lint.Rule{ID: "flood", Severity: lint.Error, Run: func(p *lint.Pass) error {
		for range 150 {
			p.Report(lint.Diagnostic{Code: "video format", Severity: lint.Warning, Message: "near a limit"})
		}
		for range 2 {
			p.Report(lint.Diagnostic{Code: "video length", Message: "past a limit"})
		}
		return nil
	}}
	e, err := lint.NewEngine(nil, []*lint.Rule{flood}, lint.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	r := e.Check([]*lint.Post{{File: "p.txt", Text: "hi"}})[0]
	var warnings, errs int
	for _, f := range r.Findings {
		if f.Severity == lint.Warning {
			warnings++
		} else {
			errs++
		}
	}
	if warnings != lint.MaxFindingsPerRule+1 || errs != 2 || r.Prediction == nil || r.Prediction.Code != "video length" {
		t.Errorf("%d warnings, %d errors, prediction %+v; want %d, 2 and video length", warnings, errs, r.Prediction, lint.MaxFindingsPerRule+1)
	}
}

// TestOnlyBatchRulesSeeHistory: a rule that sees one post alone runs in
// parallel with the history growing, so it gets none; reading it raced
// with History.Add (go test -race).
func TestOnlyBatchRulesSeeHistory(t *testing.T) {
	var perPost, batch atomic.Int64 // rules that saw a history
	seen := func(n *atomic.Int64) func(p *lint.Pass) error {
		return func(p *lint.Pass) error {
			if p.Env.History != nil {
				n.Add(1)
				p.Env.History.Count(p.Account, p.Post.At.Add(-time.Hour), p.Post.At)
			}
			return nil
		}
	}
	e, err := lint.NewEngine(nil, []*lint.Rule{
		{ID: "per-post", Run: seen(&perPost)},
		{ID: "batch", Batch: true, Run: seen(&batch)},
	}, lint.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var posts []*lint.Post
	for i := range 200 {
		posts = append(posts, &lint.Post{Text: fmt.Sprint("post ", i), Account: "a", At: now.Add(time.Duration(i) * time.Minute)})
	}
	for _, r := range e.Check(posts) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	if perPost.Load() != 0 || batch.Load() != int64(len(posts)) {
		t.Errorf("a history was seen by the per-post rule %d times, by the batch rule %d times; want 0 and %d", perPost.Load(), batch.Load(), len(posts))
	}
}

// TestClockOfEachCheck: without Options.Now, a post without At is posted
// when Check runs, not when the engine was made, so a long-lived engine
// sees what was published since; an explicit Now stays fixed.
func TestClockOfEachCheck(t *testing.T) {
	e, err := lint.NewEngine(nil, rules.All(), lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fixed, err := lint.NewEngine(nil, rules.All(), lint.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	published := time.Now()
	ix := history.NewIndex()
	ix.Add(history.NewRecord(published, "acme", "1", "app", "We are live! Join the stream now", true))
	e.SetHistory(ix)
	r := e.Check([]*lint.Post{{Text: "We are live! Join the stream now", Account: "acme"}})[0]
	if r.Post.At.Before(published) {
		t.Errorf("post At = %v, before the record published at %v", r.Post.At, published)
	}
	if r.Prediction == nil || r.Prediction.Code != "you have already posted this" {
		t.Errorf("prediction %+v; want you have already posted this", r.Prediction)
	}
	if r := fixed.Check([]*lint.Post{{Text: "x"}})[0]; !r.Post.At.Equal(now) {
		t.Errorf("with Options.Now, post At = %v; want %v", r.Post.At, now)
	}
}

// TestTimeOutsideHistory: a post whose At a history cannot hold is not
// checked against it (its time would be clamped, and every post of the
// year 3000 posted at one instant) and says so, rather than passing.
func TestTimeOutsideHistory(t *testing.T) {
	for _, at := range []time.Time{
		time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		rs := check(t, nil,
			&lint.Post{File: "a.md", Text: "same text here again", Account: "a", At: at},
			&lint.Post{File: "a.md", Text: "same text here again", Account: "a", At: at.Add(time.Hour)})
		for i, r := range rs {
			if r.Err == nil || !strings.Contains(r.Err.Error(), "outside the years 1678 to 2261") {
				t.Errorf("%v: post %d: Err = %v; want one about its time", at, i, r.Err)
			}
		}
	}
	// Inside the range, a time in another zone is still fine.
	at := time.Date(2261, 12, 31, 23, 0, 0, 0, time.FixedZone("", -2*3600))
	if r := check(t, nil, &lint.Post{Text: "hi", At: time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC)}, &lint.Post{Text: "ho", At: at}); r[0].Err != nil || r[1].Err == nil {
		t.Errorf("Err = %v and %v; want nil, then one for %v (2262 in UTC)", r[0].Err, r[1].Err, at)
	}
}

// TestPostPlanTierChecked: a post built in Go with a plan or tier xlint
// does not know gets an error, as a draft or a config with one does,
// rather than the free limits under the wrong name.
func TestPostPlanTierChecked(t *testing.T) {
	rs := check(t, nil,
		&lint.Post{File: "a.md", Text: "one", Plan: "Premium"},
		&lint.Post{File: "b.md", Text: "two", Tier: "bogus"},
		&lint.Post{File: "c.md", Text: "three", Plan: "gold", Tier: "platinum"},
		&lint.Post{File: "d.md", Text: "four", Plan: "premium-plus", Tier: "pay-per-use"})
	for i, want := range [][]string{
		{`a.md: plan "Premium" is not one of free, premium, premium-plus`},
		{`b.md: tier "bogus" is not one of free, basic, pro, enterprise, pay-per-use`},
		{`plan "gold"`, `tier "platinum"`},
		nil,
	} {
		err := rs[i].Err
		if (err == nil) != (want == nil) {
			t.Errorf("post %d: Err = %v, want one saying %q", i, err, want)
			continue
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("post %d: Err = %v, want it to say %q", i, err, w)
			}
		}
	}
}

// TestMediaFactErr: MediaFact.Err tells a missing file and an unreadable
// format apart through errors.Is, as its doc says.
func TestMediaFactErr(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.mp4")
	if err := os.WriteFile(text, []byte("plain text, not a video"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := check(t, nil, &lint.Post{Text: "hi", Media: []lint.Media{{Path: filepath.Join(dir, "missing.mp4")}, {Path: text}}})[0]
	missing, unsupported := r.Facts.Media[0], r.Facts.Media[1]
	if !missing.Missing || !errors.Is(missing.Err, fs.ErrNotExist) {
		t.Errorf("missing file: Missing %v, Err %v; want true and fs.ErrNotExist", missing.Missing, missing.Err)
	}
	if unsupported.Missing || !errors.Is(unsupported.Err, media.ErrUnsupported) {
		t.Errorf("text file: Missing %v, Err %v; want false and media.ErrUnsupported", unsupported.Missing, unsupported.Err)
	}
}

// TestErrorsOfPostWithoutFile: a post's errors start with its file, and
// those of a post built in code (no file) with no empty name.
func TestErrorsOfPostWithoutFile(t *testing.T) {
	broken := &lint.Rule{ID: "broken", Run: func(*lint.Pass) error { return errors.New("could not check") }}
	e, err := lint.NewEngine(nil, []*lint.Rule{broken}, lint.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	rs := e.Check([]*lint.Post{{File: "a.md", Text: "hi"}, {Text: "hi"}})
	if got, want := fmt.Sprint(rs[0].Err), "a.md: rule broken: could not check"; got != want {
		t.Errorf("Err = %q, want %q", got, want)
	}
	if got, want := fmt.Sprint(rs[1].Err), "rule broken: could not check"; got != want {
		t.Errorf("Err = %q, want %q", got, want)
	}
}
