package rules

import (
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

// VideoTooLarge is the video-too-large rule: a video file is larger than 512 MB.
var VideoTooLarge = &lint.Rule{
	ID:       "video-too-large",
	Codes:    []string{"video too large"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "a video file is larger than 512 MB",
		Text:  "X's upload takes videos of at most 512 MB (`limits.video_max_bytes`).",
		Fix:   "re-encode the video at a lower bitrate",
	},
	Run: func(pass *lint.Pass) error {
		sizeRule(pass, media.Video, "video too large", pass.Limits.VideoMaxBytes, "video")
		return nil
	},
}
