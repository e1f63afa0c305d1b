package rules

import (
	"strconv"
	"time"

	"github.com/xlint/xlint/lint"
)

// UsageCapped predicts a 429 from a tier's monthly post cap.
var UsageCapped = &lint.Rule{
	ID:       "usage-capped",
	Codes:    []string{"usage-capped"},
	Severity: lint.Error,
	Batch:    true,
	Doc: lint.Doc{
		Title: "the post would go past the API tier's posts per calendar month",
		Text:  "Each API tier caps the app's posts per calendar month in UTC: Free 500, Basic 3,000, Pro 300,000; pay-per-use has no default (set `limits.tiers.pay-per-use.month`), Enterprise none. Every account in the history counts. The post that reaches the cap passes; the next is refused until the first of next month. The run's earlier drafts count, except those refused for a cap themselves: X does not publish them.",
		Fix:   "wait for the first of next month (UTC), or move the app to a higher tier",
	},
	Run: func(pass *lint.Pass) error {
		limit := pass.Limits.Tiers.Tier(pass.Tier).Month
		if limit <= 0 {
			return nil
		}
		at := pass.Post.At.UTC()
		start := time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, time.UTC)
		next := start.AddDate(0, 1, 0)
		n, _ := pass.Env.History.Count("", start, at.Add(1))
		if n < limit {
			return nil
		}
		// Built by concatenation, not fmt, as in UsageCap.
		pass.Report(lint.Diagnostic{
			Code: "usage-capped",
			Span: pass.Post.FirstLine(),
			Message: "the app already made " + strconv.Itoa(n) + " posts in " + at.Format("January 2006") + "; the " +
				pass.Tier + " tier allows " + strconv.Itoa(limit) + " a month; the cap resets at " + next.Format(time.RFC3339),
			Fix: "post on " + next.Format(time.DateOnly) + " or later, or move the app to a higher tier",
		})
		return nil
	},
}
