package rules_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/rules"
)

// TestUsageLimitEdges checks every default cap of every tier at its exact
// edge, within one run: the history holds one post fewer than the cap, so
// the run's first draft reaches the cap and passes, and its second is
// refused.
func TestUsageLimitEdges(t *testing.T) {
	month := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	draftAt := time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)
	tests := []struct {
		tier   string
		limit  string // which cap
		cap    int
		window time.Duration // the rolling window; 0 for the month
		perApp bool
	}{
		{"free", "user_24h", 17, 24 * time.Hour, false},
		{"free", "app_24h", 17, 24 * time.Hour, true},
		{"free", "month", 500, 0, true},
		{"basic", "user_24h", 100, 24 * time.Hour, false},
		{"basic", "app_24h", 1667, 24 * time.Hour, true},
		{"basic", "month", 3000, 0, true},
		{"pro", "user_15m", 100, 15 * time.Minute, false},
		{"pro", "app_24h", 10000, 24 * time.Hour, true},
		{"pro", "month", 300000, 0, true},
		{"pay-per-use", "user_15m", 100, 15 * time.Minute, false},
		{"pay-per-use", "app_24h", 10000, 24 * time.Hour, true},
		{"pay-per-use", "month", 50, 0, true}, // no default: set below
	}
	for _, tt := range tests {
		t.Run(tt.tier+"/"+tt.limit, func(t *testing.T) {
			ix := history.NewIndex()
			n := tt.cap - 1
			// Spread the earlier posts over the window (or the month, up
			// to a day before the drafts, so no rolling cap is near), and
			// over enough accounts that no per-user cap is near for the
			// per-app ones.
			// The oldest must still be inside the window at the second draft,
			// one second after the first.
			from, span := draftAt.Add(-tt.window+2*time.Second), tt.window-3*time.Second
			if tt.window == 0 {
				from, span = month, draftAt.Add(-48*time.Hour).Sub(month)
			}
			accounts := 1
			if tt.perApp {
				accounts = max(1, n/5)
			}
			for i := range n {
				at := from.Add(time.Duration(int64(span) / int64(max(n, 1)) * int64(i)))
				ix.Add(history.Record{V: history.RecordVersion, At: at, Account: fmt.Sprintf("a%d", i%accounts)})
			}
			cfg := lint.DefaultConfig()
			cfg.Tier = tt.tier
			if tt.tier == "pay-per-use" && tt.limit == "month" {
				cfg.Limits.Tiers.PayPerUse.Month = tt.cap
			}
			rule := rules.UsageCap
			code := "usage cap"
			if tt.window == 0 {
				rule, code = rules.UsageCapped, "usage-capped"
			}
			engine, err := lint.NewEngine(cfg, []*lint.Rule{rule}, lint.Options{Now: draftAt, History: ix})
			if err != nil {
				t.Fatal(err)
			}
			// The drafts come from an account of their own for per-app
			// caps, so that only the app's count can refuse them.
			account := "a0"
			if tt.perApp {
				account = "new"
			}
			results := engine.Check([]*lint.Post{
				{Text: "reaches the cap", Account: account, At: draftAt},
				{Text: "one past it", Account: account, At: draftAt.Add(time.Second)},
			})
			if got := results[0].Findings; len(got) != 0 {
				t.Errorf("the post that reaches the cap of %d is flagged: %+v", tt.cap, got)
			}
			if got := results[1].Findings; len(got) != 1 || got[0].Code != code {
				t.Fatalf("the post past the cap of %d: %+v, want one %q", tt.cap, got, code)
			}
			if msg := results[1].Findings[0].Message; !containsAll(msg, fmt.Sprint(tt.cap), tt.tier) {
				t.Errorf("message %q should name the cap %d and the tier", msg, tt.cap)
			}
		})
	}
}

func TestEnterpriseHasNoCaps(t *testing.T) {
	ix := history.NewIndex()
	for i := range 20000 {
		ix.Add(history.Record{V: history.RecordVersion, At: now.Add(-time.Duration(i) * time.Second), Account: "acme"})
	}
	cfg := lint.DefaultConfig()
	cfg.Tier = "enterprise"
	engine, err := lint.NewEngine(cfg, []*lint.Rule{rules.UsageCap, rules.UsageCapped}, lint.Options{Now: now, History: ix})
	if err != nil {
		t.Fatal(err)
	}
	if r := engine.Check([]*lint.Post{{Text: "more", Account: "acme"}}); len(r[0].Findings) != 0 {
		t.Errorf("enterprise: %+v", r[0].Findings)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// TestUsageMessages pins the whole message and fix of each usage finding.
func TestUsageMessages(t *testing.T) {
	draftAt := time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		posts    func(ix *history.Index)
		msg, fix string
		wantRule string
	}{
		{
			name: "usage cap",
			posts: func(ix *history.Index) {
				for i := range 17 {
					ix.Add(history.Record{V: history.RecordVersion, At: draftAt.Add(-10*time.Hour + time.Duration(i)*time.Minute), Account: "acme"})
				}
			},
			wantRule: "usage-cap",
			msg:      "@acme already made 17 posts in the 24 h before this one; the free tier allows 17 per user per 24 h; a place frees up at 2026-12-01T13:00:00Z",
			fix:      "post at 2026-12-01T13:00:00Z or later, or move the app to a higher tier",
		},
		{
			// Past the cap, the place frees up when the third oldest of
			// 19 leaves the window, not the oldest.
			name: "usage cap, over it",
			posts: func(ix *history.Index) {
				for i := range 19 {
					ix.Add(history.Record{V: history.RecordVersion, At: draftAt.Add(-10*time.Hour + time.Duration(i)*time.Minute), Account: "acme"})
				}
			},
			wantRule: "usage-cap",
			msg:      "@acme already made 19 posts in the 24 h before this one; the free tier allows 17 per user per 24 h; a place frees up at 2026-12-01T13:02:00Z",
			fix:      "post at 2026-12-01T13:02:00Z or later, or move the app to a higher tier",
		},
		{
			name: "usage-capped",
			posts: func(ix *history.Index) {
				for i := range 500 {
					at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 80 * time.Minute)
					ix.Add(history.Record{V: history.RecordVersion, At: at, Account: fmt.Sprintf("a%d", i%50)})
				}
			},
			wantRule: "usage-capped",
			msg:      "the app already made 500 posts in November 2026; the free tier allows 500 a month; the cap resets at 2026-12-01T00:00:00Z",
			fix:      "post on 2026-12-01 or later, or move the app to a higher tier",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := history.NewIndex()
			tt.posts(ix)
			cfg := lint.DefaultConfig()
			cfg.Tier = "free"
			engine, err := lint.NewEngine(cfg, []*lint.Rule{rules.UsageCap, rules.UsageCapped}, lint.Options{Now: draftAt, History: ix})
			if err != nil {
				t.Fatal(err)
			}
			r := engine.Check([]*lint.Post{{Text: "one more", Account: "acme", At: draftAt}})[0]
			if len(r.Findings) != 1 || r.Findings[0].Rule != tt.wantRule {
				t.Fatalf("findings %+v, want one of %s", r.Findings, tt.wantRule)
			}
			if f := r.Findings[0]; f.Message != tt.msg || f.Fix != tt.fix {
				t.Errorf("message %q\nwant %q\nfix %q\nwant %q", f.Message, tt.msg, f.Fix, tt.fix)
			}
		})
	}
}

// TestUsageCapFreesAt: a post at the time the usage-cap finding gives
// passes, and one a second earlier does not, however far past the cap the
// window is.
func TestUsageCapFreesAt(t *testing.T) {
	first := time.Date(2026, 11, 30, 13, 0, 0, 0, time.UTC)
	for _, posts := range []int{17, 18, 40} {
		check := func(at time.Time) []lint.Finding {
			// A fresh history each time: a check adds its posts to it.
			ix := history.NewIndex()
			for i := range posts {
				ix.Add(history.Record{V: history.RecordVersion, At: first.Add(time.Duration(i) * time.Minute), Account: "acme"})
			}
			engine, err := lint.NewEngine(lint.DefaultConfig(), []*lint.Rule{rules.UsageCap}, lint.Options{Now: at, History: ix})
			if err != nil {
				t.Fatal(err)
			}
			return engine.Check([]*lint.Post{{Text: "one more", Account: "acme", At: at}})[0].Findings
		}
		f := check(first.Add(time.Duration(posts) * time.Minute))
		if len(f) != 1 {
			t.Fatalf("%d posts: findings %+v, want a usage cap", posts, f)
		}
		_, stamp, _ := strings.Cut(f[0].Fix, "post at ")
		free, err := time.Parse(time.RFC3339, strings.Fields(stamp)[0])
		if err != nil {
			t.Fatal(err)
		}
		if f := check(free); len(f) != 0 {
			t.Errorf("%d posts: at %v, when the place frees up: %+v", posts, free, f)
		}
		if f := check(free.Add(-time.Second)); len(f) != 1 {
			t.Errorf("%d posts: a second before %v: %+v, want a usage cap", posts, free, f)
		}
	}
}
