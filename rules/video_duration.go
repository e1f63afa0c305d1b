package rules

import (
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

// VideoDuration is the video-duration rule: a video is longer or shorter than the plan allows.
var VideoDuration = &lint.Rule{
	ID:       "video-duration",
	Codes:    []string{"video longer than 2 minutes", "video length"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "a video is longer or shorter than the plan allows",
		Text:  "Free accounts may post videos of at most 140 s (2:20), and some API paths cap them at 2:00, so xlint warns from 120 s. Premium plans allow 10,800 s. Every video must last at least 0.5 s. The duration is the container's, as ffprobe reports it, compared exactly in the file's own time units.",
		Fix:   "trim the video to the plan's maximum, or post from a Premium account",
	},
	Run: func(pass *lint.Pass) error {
		l := pass.Limits
		for _, m := range pass.Facts.Media {
			if !probed(m) || m.Info.Kind != media.Video {
				continue
			}
			d, sec := m.Info.Duration, m.Info.Duration.Seconds()
			span := mediaSpan(pass, m)
			switch {
			case d.Below(millis(l.VideoMinSeconds)):
				pass.Reportf("video length", span, "use a video of at least 0.5 s",
					"video is %s s; X needs at least %s s", seconds(sec, l.VideoMinSeconds), limit(l.VideoMinSeconds))
			case lint.IsPremium(pass.Plan) && d.Exceeds(millis(l.VideoMaxSecondsPremium)):
				pass.Reportf("video length", span, "trim the video to the plan's maximum",
					"video is %s s; %s accounts may post at most %s s", seconds(sec, l.VideoMaxSecondsPremium), pass.Plan, limit(l.VideoMaxSecondsPremium))
			case !lint.IsPremium(pass.Plan) && d.Exceeds(millis(l.VideoMaxSecondsFree)):
				pass.Reportf("video longer than 2 minutes", span, "trim the clip to 2:20 or less, or post from a Premium account",
					"video is %s s; free accounts may post at most %s s", seconds(sec, l.VideoMaxSecondsFree), limit(l.VideoMaxSecondsFree))
			case !lint.IsPremium(pass.Plan) && l.VideoWarnSecondsFree > 0 && d.Exceeds(millis(l.VideoWarnSecondsFree)):
				// The answer of the upload paths that cap free accounts at
				// 2:00; "video length" is for other plans and short videos.
				pass.Report(lint.Diagnostic{
					Code: "video longer than 2 minutes", Span: span, Severity: lint.Warning,
					Message: sprintf("video is %s s; some API paths cap free accounts at %s s", seconds(sec, l.VideoWarnSecondsFree), limit(l.VideoWarnSecondsFree)),
					Fix:     "trim the clip to 2:00 to be safe on every upload path",
				})
			}
		}
		return nil
	},
}
