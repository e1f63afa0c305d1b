package rules

import (
	"strconv"

	"github.com/xlint/xlint/lint"
)

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
		// Most posts of a long draft are over: the messages are built
		// with appends on the stack, not fmt.Sprintf, which cost a
		// check of the 50,000-post corpus 1.5% of its CPU.
		var buf [128]byte
		msg := append(buf[:0], "text is "...)
		msg = strconv.AppendInt(msg, int64(f.Text.WeightedLength), 10)
		msg = append(append(append(msg, " weighted characters; the "...), pass.Plan...), " plan allows "...)
		msg = strconv.AppendInt(msg, int64(f.MaxLength), 10)
		message := string(msg)
		fix := append(buf[:0], "shorten the text by "...)
		fix = strconv.AppendInt(fix, int64(over), 10)
		fix = append(append(append(fix, " weighted "...), plural(over, "character", "characters")...), ", or split it into a thread"...)
		pass.Report(lint.Diagnostic{
			Code:    "text too long",
			Span:    pass.Post.TextSpan(f.Text.ValidEnd, len(pass.Post.Text)),
			Message: message,
			Fix:     string(fix),
		})
		return nil
	},
}
