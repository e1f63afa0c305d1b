package rules

import (
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

// GIFTooLarge is the gif-too-large rule: a GIF file is larger than 15 MB.
var GIFTooLarge = &lint.Rule{
	ID:       "gif-too-large",
	Codes:    []string{"gif too large"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "a GIF file is larger than 15 MB",
		Text:  "X takes GIFs of at most 15 MB (`limits.gif_max_bytes`).",
		Fix:   "reduce the GIF's frames, size or colours, or post it as an MP4 video",
	},
	Run: func(pass *lint.Pass) error {
		sizeRule(pass, media.GIF, "gif too large", pass.Limits.GIFMaxBytes, "GIF")
		return nil
	},
}
