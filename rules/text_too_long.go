package rules

import "github.com/xlint/xlint/lint"

// TextTooLong finds posts whose twitter-text weighted length is over the
// plan's limit.
var TextTooLong = &lint.Rule{
	ID:       "text-too-long",
	Codes:    []string{"text too long"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "the text is longer than the plan allows, counted as X counts",
		Text:  "X counts length with twitter-text v3: the text is NFC-normalised, each link counts 23 whatever its length, each emoji sequence 2, and code points outside the Latin ranges (CJK, most symbols) 2. The total may not exceed 280 (25,000 on Premium plans). The finding covers the part past the limit.",
		Fix:   "shorten the text, or split it into a thread",
	},
	Run: func(pass *lint.Pass) error {
		f := pass.Facts
		if f.Text.WeightedLength <= f.MaxLength {
			return nil
		}
		over := f.Text.WeightedLength - f.MaxLength
		pass.Report(lint.Diagnostic{
			Code:    "text too long",
			Span:    pass.Post.TextSpan(f.Text.ValidEnd, len(pass.Post.Text)),
			Message: sprintf("text is %d weighted characters; the %s plan allows %d", f.Text.WeightedLength, pass.Plan, f.MaxLength),
			Fix:     sprintf("shorten the text by %d weighted %s, or split it into a thread", over, plural(over, "character", "characters")),
		})
		return nil
	},
}
