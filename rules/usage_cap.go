package rules

import (
	"strconv"
	"sync/atomic"
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
			msg := capMessage(capKey{who, n, pass.Tier, w.limit, w.who, w.window, oldest.Add(w.window)})
			pass.Report(lint.Diagnostic{
				Code:    "usage cap",
				Span:    pass.Post.FirstLine(),
				Message: msg.message,
				Fix:     msg.fix,
			})
			return nil
		}
		return nil
	},
}

// capKey is what a usage-cap finding's message says.
type capKey struct {
	who    string // "@acme", "the account" or "the app"
	n      int    // posts in the window
	tier   string
	limit  int
	per    string // "user" or "app"
	window time.Duration
	free   time.Time // when a place frees up
}

type capText struct {
	key          capKey
	message, fix string
}

// lastCapText is the last message capMessage made. Past a cap every later
// post of a run earns a finding, nearly always with the same message, in
// the serial, time-ordered phase of the check.
var lastCapText atomic.Pointer[capText]

// capMessage returns the message and fix of a usage-cap finding.
func capMessage(k capKey) *capText {
	if t := lastCapText.Load(); t != nil && t.key == k {
		return t
	}
	free, within := k.free.UTC().Format(time.RFC3339), span(k.window)
	t := &capText{
		key: k,
		message: k.who + " already made " + strconv.Itoa(k.n) + " posts in the " + within + " before this one; the " +
			k.tier + " tier allows " + strconv.Itoa(k.limit) + " per " + k.per + " per " + within +
			"; a place frees up at " + free,
		fix: "post at " + free + " or later, or move the app to a higher tier",
	}
	lastCapText.Store(t)
	return t
}
