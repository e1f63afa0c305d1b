package rules

import "github.com/xlint/xlint/lint"

// MediaNotFound is the media-not-found rule: a media file the draft names does not exist.
var MediaNotFound = &lint.Rule{
	ID:       "media-not-found",
	Codes:    []string{"media not found"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "a media file the draft names does not exist",
		Text:  "Media paths are relative to the draft's folder. A file that is missing, or a folder, cannot be uploaded, so the post cannot be made as written.",
		Fix:   "fix the path (it is relative to the draft's folder) or add the file",
	},
	Run: func(pass *lint.Pass) error {
		for _, m := range pass.Facts.Media {
			if m.Missing {
				pass.Reportf("media not found", mediaSpan(pass, m), "", "media file %s cannot be used: %v", m.Resolved, m.Err)
			}
		}
		return nil
	},
}
