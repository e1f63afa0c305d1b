package rules

import (
	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
)

// VideoFormat warns about videos outside X's recommended format.
var VideoFormat = &lint.Rule{
	ID:       "video-format",
	Codes:    []string{"video format"},
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "a video's resolution, aspect ratio, frame rate or codec is outside X's limits",
		Text:  "X asks for H.264 video with AAC-LC audio, from 32x32 to 1920x1200 (or 1200x1920), an aspect ratio between 1:3 and 3:1, and at most 60 fps. Other videos may be refused at upload or fail in processing, so these are warnings.",
		Fix:   "re-encode with H.264 and AAC inside X's limits (e.g. ffmpeg -c:v libx264 -c:a aac -r 30 -vf scale=-2:1080)",
	},
	Run: func(pass *lint.Pass) error {
		l := pass.Limits
		for _, m := range pass.Facts.Media {
			if !probed(m) || m.Info.Kind != media.Video {
				continue
			}
			in := m.Info
			report := func(format string, args ...any) {
				pass.Reportf("video format", mediaSpan(pass, m), "", "video %s "+format, append([]any{m.Resolved}, args...)...)
			}
			if in.Width > 0 && in.Height > 0 {
				landscape := in.Width <= l.VideoMaxWidth && in.Height <= l.VideoMaxHeight
				portrait := in.Width <= l.VideoMaxHeight && in.Height <= l.VideoMaxWidth
				switch {
				case in.Width < l.VideoMinWidth || in.Height < l.VideoMinHeight:
					report("is %dx%d; X needs at least %dx%d", in.Width, in.Height, l.VideoMinWidth, l.VideoMinHeight)
				case !landscape && !portrait:
					report("is %dx%d; X takes at most %dx%d (or %dx%d)", in.Width, in.Height, l.VideoMaxWidth, l.VideoMaxHeight, l.VideoMaxHeight, l.VideoMaxWidth)
				}
				if aspect := float64(in.Width) / float64(in.Height); aspect < l.VideoMinAspect-1e-9 || aspect > l.VideoMaxAspect+1e-9 {
					report("has an aspect ratio of %.2f:1; X takes 1:3 to 3:1", aspect)
				}
			}
			if l.VideoMaxFPS > 0 && in.FPS > l.VideoMaxFPS+0.005 {
				report("runs at %.2f fps; X takes at most %g fps", in.FPS, l.VideoMaxFPS)
			}
			if in.VideoCodec != "" && in.VideoCodec != "h264" {
				report("is encoded as %s; X takes H.264 (h264)", in.VideoCodec)
			}
			switch {
			case in.AudioCodec != "" && in.AudioCodec != "aac":
				report("has %s audio; X takes AAC-LC (aac)", in.AudioCodec)
			case in.AudioCodec == "aac" && in.AudioProfile != "" && in.AudioProfile != "LC":
				report("has AAC %s audio; X takes AAC-LC", in.AudioProfile)
			}
		}
		return nil
	},
}
