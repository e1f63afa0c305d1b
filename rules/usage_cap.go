package rules

import (
	"strconv"
	"time"

	"github.com/xlint/xlint/lint"
)

// UsageCap predicts a 429 from a tier's rolling-window post caps, counted
// from the history index and the run's earlier posts.
var UsageCap = &lint.Rule{
	ID:       "usage-cap",
	Codes:    []string{"usage cap"},
	Severity: lint.Error,
	Batch:    true,
	Doc: lint.Doc{
		Title: "the post would go past the API tier's posts per 15 minutes or 24 hours",
		Text:  "Each API tier caps POST /2/tweets per rolling window: per user (one account) and per app (every account in the history). Free: 17 per 24 h per user and per app; Basic: 100 per 24 h per user, 1,667 per 24 h per app; Pro and pay-per-use: 100 per 15 min per user, 10,000 per 24 h per app; Enterprise: none. The post that reaches a cap passes; the next is refused until enough counted posts leave the window, and the finding says when. The run's earlier drafts count, except those refused for a cap themselves: X does not publish them. Every number is a key under `limits.tiers`.",
		Fix:   "schedule the post after the window frees up, or move the app to a higher tier",
	},
	Run: func(pass *lint.Pass) error {
		tier := pass.Limits.Tiers.Tier(pass.Tier)
		windows := []struct {
			limit   int
			account string
			window  time.Duration
			who     string
		}{
			{tier.UserPer15Min, pass.Account, 15 * time.Minute, "user"},
			{tier.UserPer24h, pass.Account, 24 * time.Hour, "user"},
			{tier.AppPer24h, "", 24 * time.Hour, "app"},
		}
		at := pass.Post.At
		for _, w := range windows {
			if w.limit <= 0 {
				continue
			}
			// The window is (at-window, at]: a post exactly one window
			// old has just freed its place.
			since, until := at.Add(-w.window+1), at.Add(1)
			n, _ := pass.Env.History.Count(w.account, since, until)
			if n < w.limit {
				continue
			}
			// The window takes one more post once all but limit-1 of its n
			// have left it: when the (n-limit)-th oldest has.
			oldest, _ := pass.Env.History.NthOldest(w.account, since, until, n-w.limit)
			who := "the app"
			if w.who == "user" {
				who = "@" + pass.Account
				if pass.Account == "" {
					who = "the account"
				}
			}
			// Built by concatenation, not fmt: the rule runs in the serial,
			// time-ordered phase, and past a cap every later post of the
			// run earns this finding.
			free, within := oldest.Add(w.window).UTC().Format(time.RFC3339), span(w.window)
			pass.Report(lint.Diagnostic{
				Code: "usage cap",
				Span: pass.Post.FirstLine(),
				Message: who + " already made " + strconv.Itoa(n) + " posts in the " + within + " before this one; the " +
					pass.Tier + " tier allows " + strconv.Itoa(w.limit) + " per " + w.who + " per " + within +
					"; a place frees up at " + free,
				Fix: "post at " + free + " or later, or move the app to a higher tier",
			})
			return nil
		}
		return nil
	},
}
