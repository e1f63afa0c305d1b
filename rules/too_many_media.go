package rules

import (
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

// TooManyMedia finds posts with more files of one kind than X takes.
var TooManyMedia = &lint.Rule{
	ID:       "too-many-media",
	Codes:    []string{"too many media"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "the post attaches more than 4 images, or more than one video or GIF",
		Text:  "A post carries at most 4 images (`limits.max_images`), or a single video (`limits.max_videos`), or a single GIF (`limits.max_gifs`). Media already uploaded (an API body's `media.media_ids`) count towards the 4, whatever their kind.",
		Fix:   "attach at most 4 images, or a single video or GIF, and move the rest to a reply",
	},
	Run: func(pass *lint.Pass) error {
		byKind := kinds(pass)
		for _, kl := range [...]struct {
			k     media.Kind
			limit int
		}{{media.Image, pass.Limits.MaxImages}, {media.Video, pass.Limits.MaxVideos}, {media.GIF, pass.Limits.MaxGIFs}} {
			k, ms, limit := kl.k, byKind[kl.k], kl.limit
			if len(ms) > limit {
				pass.Reportf("too many media", mediaSpan(pass, ms[limit]), "",
					"the post attaches %d %s; X allows at most %d", len(ms), kindName(k, len(ms)), limit)
			}
		}
		// Media already uploaded are of a kind unknown here, but no post
		// carries more than max_images of any kind, and each file becomes
		// one more id.
		ids := pass.Post.MediaIDs
		if n, limit := len(ids)+len(pass.Post.Media), pass.Limits.MaxImages; len(ids) > 0 && n > limit {
			span := pass.Post.FirstLine()
			if limit >= 0 && limit < len(ids) {
				span = ids[limit].Span
			}
			pass.Reportf("too many media", span, "",
				"the post attaches %d media (uploaded ids and files); X allows at most %d", n, limit)
		}
		return nil
	},
}

// kinds groups the post's readable media by kind, in order; nil for a
// post without media, as most are.
func kinds(pass *lint.Pass) map[media.Kind][]lint.MediaFact {
	if len(pass.Facts.Media) == 0 {
		return nil
	}
	out := make(map[media.Kind][]lint.MediaFact)
	for _, m := range pass.Facts.Media {
		if probed(m) {
			out[m.Info.Kind] = append(out[m.Info.Kind], m)
		}
	}
	return out
}
