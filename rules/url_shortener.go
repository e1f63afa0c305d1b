package rules

import "github.com/xlint/xlint/lint"

// URLShortener finds links through URL shorteners.
var URLShortener = &lint.Rule{
	ID:       "url-shortener",
	Codes:    []string{"invalid url"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "a link goes through a URL shortener",
		Text:  "X refuses links through third-party URL shorteners (bit.ly, tinyurl.com, ...), which hide where a link leads and are common in spam. xlint knows a curated built-in list; `urls.shorteners`, `urls.lists` and `--shorteners` add hosts, and `urls.allow` exempts branded short links. A host matches an entry when it is the entry or a subdomain of it.",
		Fix:   "link to the destination directly (X shortens every link with t.co anyway)",
	},
	Run: func(pass *lint.Pass) error {
		listedLinks(pass, pass.Env.Shorteners, func(u lint.URL, entry string) {
			pass.Reportf("invalid url", pass.Post.TextSpan(u.Start, u.End), "", "%s is a URL shortener (%s); X refuses shortened links", u.Host, entry)
		})
		return nil
	},
}
