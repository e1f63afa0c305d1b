package rules

import "github.com/xlint/xlint/lint"

// TooManyMentions is the too-many-mentions rule: the post mentions more than 50 accounts.
var TooManyMentions = &lint.Rule{
	ID:       "too-many-mentions",
	Codes:    []string{"too many mentions"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "the post mentions more than 50 accounts",
		Text:  "X refuses a post that mentions more than 50 accounts (`limits.max_mentions`), a pattern of spam.",
		Fix:   "mention at most 50 accounts",
	},
	Run: func(pass *lint.Pass) error {
		reportExcess(pass, "too many mentions", pass.Facts.Mentions, pass.Limits.MaxMentions, "mentions")
		return nil
	},
}
