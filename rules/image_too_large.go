package rules

import (
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

// ImageTooLarge is the image-too-large rule: an image file is larger than 5 MB.
var ImageTooLarge = &lint.Rule{
	ID:       "image-too-large",
	Codes:    []string{"image too large"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "an image file is larger than 5 MB",
		Text:  "X takes JPEG, PNG and WebP images of at most 5 MB (`limits.image_max_bytes`).",
		Fix:   "compress or scale the image below 5 MB",
	},
	Run: func(pass *lint.Pass) error {
		sizeRule(pass, media.Image, "image too large", pass.Limits.ImageMaxBytes, "image")
		return nil
	},
}
