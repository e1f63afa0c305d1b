package rules_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/rules"
)

// BenchmarkUsageCaps checks 1,000 drafts against a history of 1,000,000
// posts by 100 accounts over a month with both usage rules: the window
// counts come from the index, so the cost follows the drafts, not the
// history.
func BenchmarkUsageCaps(b *testing.B) {
	const posts, drafts, accounts = 1_000_000, 1000, 100
	ix := history.NewIndex()
	start := now.Add(-30 * 24 * time.Hour)
	step := 30 * 24 * time.Hour / posts
	for i := range posts {
		ix.Add(history.Record{V: history.RecordVersion, At: start.Add(time.Duration(i) * step), Account: fmt.Sprintf("acct%d", i%accounts)})
	}
	cfg := lint.DefaultConfig()
	cfg.Tier = "pro"
	batch := make([]*lint.Post, drafts)
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		for i := range batch {
			batch[i] = &lint.Post{Text: fmt.Sprintf("draft %d", i), Account: fmt.Sprintf("acct%d", i%accounts), At: now.Add(time.Duration(i) * time.Second)}
		}
		// Each run adds its 1,000 drafts to the index: noise next to
		// the million posts.
		engine, err := lint.NewEngine(cfg, []*lint.Rule{rules.UsageCap, rules.UsageCapped}, lint.Options{Now: now, History: ix})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		engine.Check(batch)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/drafts, "ns/draft")
}
