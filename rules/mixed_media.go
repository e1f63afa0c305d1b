package rules

import (
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

// MixedMedia finds a video or GIF attached with other media.
var MixedMedia = &lint.Rule{
	ID:       "mixed-media",
	Codes:    []string{"mixed media"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "a video or GIF shares the post with other kinds of media",
		Text:  "A video or a GIF must be a post's only attachment; it cannot be combined with images or with each other.",
		Fix:   "post the video or GIF on its own, and the images in a reply",
	},
	Run: func(pass *lint.Pass) error {
		byKind := kinds(pass)
		present := 0
		for _, k := range []media.Kind{media.Image, media.Video, media.GIF} {
			if len(byKind[k]) > 0 {
				present++
			}
		}
		if present < 2 {
			return nil
		}
		for _, k := range []media.Kind{media.Video, media.GIF} {
			if ms := byKind[k]; len(ms) > 0 {
				pass.Reportf("mixed media", mediaSpan(pass, ms[0]), "", "the post attaches a %s with other media; a %s must be alone", kindName(k, 1), kindName(k, 1))
				return nil
			}
		}
		return nil
	},
}
