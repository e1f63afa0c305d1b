// Command probe prints what package media reads from each media file, as
// JSON, one object per file. It stands in for `xlint probe` in the speed
// comparison of scripts/bench-probe.sh.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/xlint/xlint/media"
)

// result is the wire form of one probed file, named as in `xlint probe`.
type result struct {
	Path       string  `json:"path"`
	Kind       string  `json:"kind"`
	Container  string  `json:"container"`
	Duration   float64 `json:"duration_seconds"`
	Exact      string  `json:"duration"`
	Width      int     `json:"width"`
	Height     int     `json:"height"`
	FPS        float64 `json:"fps"`
	VideoCodec string  `json:"video_codec"`
	AudioCodec string  `json:"audio_codec"`
	Bitrate    int64   `json:"bit_rate"`
	Size       int64   `json:"size_bytes"`
	Fragmented bool    `json:"fragmented"`
	Frames     int     `json:"frames,omitempty"`
	Error      string  `json:"error,omitempty"`
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: probe FILE...")
		return 2
	}
	code := 0
	out := make([]result, 0, len(args))
	for _, path := range args {
		info, err := media.Probe(path)
		r := result{
			Path: path, Kind: string(info.Kind), Container: info.Container,
			Duration: info.Duration.Seconds(), Exact: info.Duration.String(),
			Width: info.Width, Height: info.Height, FPS: info.FPS,
			VideoCodec: info.VideoCodec, AudioCodec: info.AudioCodec,
			Bitrate: info.Bitrate, Size: info.Size, Fragmented: info.Fragmented,
			Frames: info.Frames,
		}
		if err != nil {
			r.Error = err.Error()
			code = 2
		}
		out = append(out, r)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"version": 1, "media": out}); err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	return code
}
