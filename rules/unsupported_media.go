package rules

import (
	"errors"
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

// UnsupportedMedia is the unsupported-media rule: a media file is not a format X takes.
var UnsupportedMedia = &lint.Rule{
	ID:       "unsupported-media",
	Codes:    []string{"unsupported media"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "a media file is not a format X takes",
		Text:  "X takes JPEG, PNG, WebP and GIF images and MP4 or MOV videos. xlint tells formats apart by their content, not their names; audio-only files and unreadable files are refused too.",
		Fix:   "convert the file to MP4 (H.264/AAC), JPEG, PNG, WebP or GIF",
	},
	Run: func(pass *lint.Pass) error {
		for _, m := range pass.Facts.Media {
			switch {
			case m.Missing:
			case m.Err != nil && errors.Is(m.Err, media.ErrUnsupported):
				pass.Reportf("unsupported media", mediaSpan(pass, m), "", "%s is not a format X takes", m.Resolved)
			case m.Err != nil:
				pass.Reportf("unsupported media", mediaSpan(pass, m), "", "%s cannot be read as media: %v", m.Resolved, m.Err)
			case m.Info.Kind == media.Audio:
				pass.Reportf("unsupported media", mediaSpan(pass, m), "", "%s is audio only (%s); X takes video, not audio", m.Resolved, m.Info.Container)
			case m.Info.Kind == media.Unknown:
				pass.Reportf("unsupported media", mediaSpan(pass, m), "", "%s is not a format X takes", m.Resolved)
			}
		}
		return nil
	},
}
