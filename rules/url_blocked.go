package rules

import "github.com/xlint/xlint/lint"

// URLBlocked finds links to blocked domains.
var URLBlocked = &lint.Rule{
	ID:       "url-blocked",
	Codes:    []string{"The Tweet contains an invalid URL"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "a link points at a blocked domain",
		Text:  "X refuses links to domains it blocks for spam, malware or abuse. X does not publish its list; give yours with `urls.block` or `--blocklist` (a domain blocks its subdomains too). `urls.allow` wins over both.",
		Fix:   "remove the link or point it at another site",
	},
	Run: func(pass *lint.Pass) error {
		listedLinks(pass, pass.Env.Blocked, func(u lint.URL, entry string) {
			pass.Reportf("The Tweet contains an invalid URL", pass.Post.TextSpan(u.Start, u.End), "", "%s is blocked (blocklist entry %s)", u.Host, entry)
		})
		return nil
	},
}
