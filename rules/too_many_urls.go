package rules

import (
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/twittertext"
)

// TooManyURLs is the too-many-urls rule: the post has more than 10 links.
var TooManyURLs = &lint.Rule{
	ID:       "too-many-urls",
	Codes:    []string{"too many urls"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "the post has more than 10 links",
		Text:  "X refuses a post with more than 10 links (`limits.max_urls`). Links are found as twitter-text finds them, with or without a scheme.",
		Fix:   "keep at most 10 links, or split the post into a thread",
	},
	Run: func(pass *lint.Pass) error {
		ents := make([]twittertext.Entity, len(pass.Facts.URLs))
		for i, u := range pass.Facts.URLs {
			ents[i] = u.Entity
		}
		reportExcess(pass, "too many urls", ents, pass.Limits.MaxURLs, "links")
		return nil
	},
}
