package rules

import "github.com/xlint/xlint/lint"

// TooManyCashtags is the too-many-cashtags rule: the post has more than one cashtag.
var TooManyCashtags = &lint.Rule{
	ID:       "too-many-cashtags",
	Codes:    []string{"too many cashtags"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "the post has more than one cashtag",
		Text:  "X refuses a post with more than one cashtag such as $XYZ (`limits.max_cashtags`), a pattern of financial spam.",
		Fix:   "keep a single cashtag and write the other symbols without $",
	},
	Run: func(pass *lint.Pass) error {
		reportExcess(pass, "too many cashtags", pass.Facts.Cashtags, pass.Limits.MaxCashtags, "cashtags")
		return nil
	},
}
