// Package media reads the headers of the files attached to a post (MP4, MOV
// and M4A movies; PNG, JPEG, GIF and WebP images) and reports the facts X
// checks on upload: kind, duration, size, frame rate and codecs.
//
// Only headers are read: a movie's sample data (mdat) is skipped by seeking,
// so probing costs the same for a 1 MB clip and a 500 MB one. Durations are
// exact (ticks of a timescale) and match what ffprobe prints as the format
// duration.
//
// Every file is untrusted. Sample tables are summed in place, never
// expanded per sample, and the reader refuses more than 64 MiB of movie
// header (moov), 64 MiB of fragment headers (moof) in all, 1024 tracks,
// 2^20 top-level boxes or 2^16 boxes in one parent: hostile input costs an
// error, not memory or time.
package media

import (
	"errors"
	"fmt"
	"io"
	"math/bits"

	"github.com/xlint/xlint/internal/regular"
)

// Kind says what X would treat the file as, judged from its content.
type Kind string

// The kinds of media X distinguishes.
const (
	Video   Kind = "video"
	Image   Kind = "image"
	GIF     Kind = "gif"
	Audio   Kind = "audio"
	Unknown Kind = "unknown"
)

// ErrUnsupported is wrapped by the error returned for content that is not
// a format this package reads.
var ErrUnsupported = errors.New("unsupported media format")

// Duration is an exact duration: Ticks in units of 1/Timescale second.
// Keeping the ticks avoids float rounding when comparing with a limit such
// as X's 140 s: a clip of 140.0001 s is over, one of exactly 140 s is not.
type Duration struct {
	Ticks     uint64
	Timescale uint32
}

// Seconds returns the duration in seconds, for display.
func (d Duration) Seconds() float64 {
	if d.Timescale == 0 {
		return 0
	}
	return float64(d.Ticks) / float64(d.Timescale)
}

// Exceeds reports whether the duration is strictly longer than millis
// milliseconds, comparing Ticks*1000 with millis*Timescale exactly.
func (d Duration) Exceeds(millis int64) bool {
	if d.Timescale == 0 {
		return false
	}
	if millis < 0 {
		return true
	}
	return cmp128(d.Ticks, 1000, uint64(millis), uint64(d.Timescale)) > 0
}

// Below reports whether the duration is strictly shorter than millis
// milliseconds, comparing Ticks*1000 with millis*Timescale exactly.
func (d Duration) Below(millis int64) bool {
	if millis <= 0 {
		return false
	}
	if d.Timescale == 0 {
		return true
	}
	return cmp128(d.Ticks, 1000, uint64(millis), uint64(d.Timescale)) < 0
}

// Micros returns the duration in microseconds rounded to the nearest (half
// away from zero), the way ffmpeg rescales a container duration before
// ffprobe prints it with six decimals.
func (d Duration) Micros() int64 {
	if d.Timescale == 0 {
		return 0
	}
	return int64(mulDivRound(d.Ticks, 1000000, uint64(d.Timescale)))
}

// String formats the duration in seconds with six decimals, as ffprobe does.
func (d Duration) String() string {
	us := d.Micros()
	return fmt.Sprintf("%d.%06d", us/1000000, us%1000000)
}

// longer reports whether d is strictly longer than e.
func (d Duration) longer(e Duration) bool {
	if e.Timescale == 0 {
		return d.Timescale != 0 && d.Ticks > 0
	}
	if d.Timescale == 0 {
		return false
	}
	return cmp128(d.Ticks, uint64(e.Timescale), e.Ticks, uint64(d.Timescale)) > 0
}

// cmp128 compares a*b with c*d without overflow.
func cmp128(a, b, c, d uint64) int {
	h1, l1 := bits.Mul64(a, b)
	h2, l2 := bits.Mul64(c, d)
	switch {
	case h1 != h2:
		if h1 < h2 {
			return -1
		}
		return 1
	case l1 < l2:
		return -1
	case l1 > l2:
		return 1
	}
	return 0
}

// mulDivRound returns a*b/c rounded to the nearest integer (half up),
// saturating at the largest int64 instead of overflowing.
func mulDivRound(a, b, c uint64) uint64 {
	const maxInt = 1<<63 - 1
	if c == 0 {
		return 0
	}
	hi, lo := bits.Mul64(a, b)
	lo, carry := bits.Add64(lo, c/2, 0)
	hi += carry
	if hi >= c {
		return maxInt
	}
	q, _ := bits.Div64(hi, lo, c)
	if q > maxInt {
		return maxInt
	}
	return q
}

// Info holds the facts about one media file.
type Info struct {
	// Kind is judged from the content (magic bytes), not the file name.
	Kind Kind
	// Container is "mp4", "mov", "m4a", "png", "jpeg", "gif", "webp", or
	// "" when the format is unknown.
	Container string
	// Duration is the container duration as ffprobe reports it; zero for
	// still images.
	Duration Duration
	// Width and Height are the display size: a 90 or 270 degree rotation
	// in the track header swaps the coded width and height.
	Width, Height int
	// FPS is the video's average frame rate: frames times the track
	// timescale over the summed sample durations, which is ffprobe's
	// avg_frame_rate for files with a sample table.
	FPS float64
	// VideoCodec is ffprobe's codec_name for the first video track (h264,
	// hevc, vp9, av1, mpeg4, ...); for an image, its codec (png, mjpeg,
	// gif, webp).
	VideoCodec string
	// AudioCodec is ffprobe's codec_name for the first audio track (aac,
	// mp3, opus, ...).
	AudioCodec string
	// AudioProfile is ffprobe's profile of an AAC audio track (LC, Main,
	// LTP, HE-AAC, HE-AACv2...), "" for other codecs or when the file does
	// not say.
	AudioProfile string
	// Bitrate is in bits per second, computed as ffprobe's format bit_rate:
	// file size times eight over the duration.
	Bitrate int64
	// Size is the file size in bytes.
	Size int64
	// Fragmented reports a fragmented movie (moof boxes or mvex).
	Fragmented bool
	// Frames is the number of frames of a GIF (animated when above 1).
	Frames int
}

// Probe reads the headers of the file at path. A folder or a missing file is
// an error; errors name the path.
func Probe(path string) (Info, error) {
	f, st, err := regular.Open(path)
	if errors.Is(err, regular.ErrNotRegular) {
		return Info{Kind: Unknown}, fmt.Errorf("probe %s: not a regular file", path)
	}
	if err != nil {
		return Info{Kind: Unknown}, err
	}
	defer f.Close()
	info, err := ProbeReader(f, st.Size())
	if err != nil {
		return info, fmt.Errorf("probe %s: %w", path, err)
	}
	return info, nil
}

// recoverPanics is turned off by the fuzz target so that a panic, which
// would be a bug, is reported instead of being turned into an error.
var recoverPanics = true

// ProbeReader reads the headers of size bytes of media from r. Unknown
// content yields Kind Unknown and an error wrapping ErrUnsupported; a nil
// r or a negative size, Kind Unknown and an error saying so.
func ProbeReader(r io.ReaderAt, size int64) (info Info, err error) {
	info = Info{Kind: Unknown, Size: size}
	// A bug here must cost one file's facts, never the process.
	defer func() {
		if !recoverPanics {
			return
		}
		if p := recover(); p != nil {
			info = Info{Kind: Unknown, Size: size}
			err = fmt.Errorf("malformed media: %v", p)
		}
	}()
	if r == nil {
		return info, errors.New("nil reader")
	}
	if size < 0 {
		return info, errors.New("negative size")
	}
	var head [32]byte
	n, err := r.ReadAt(head[:min(int64(len(head)), size)], 0)
	if err != nil && err != io.EOF {
		return info, err
	}
	if n == 0 {
		return info, fmt.Errorf("%w: empty file", ErrUnsupported)
	}
	h := head[:n]
	switch format := sniff(h); format {
	case "mp4":
		return probeMP4(r, size)
	case "png", "jpeg", "gif", "webp":
		return probeImage(r, size, format)
	case "":
		return info, fmt.Errorf("%w: content starts with % x", ErrUnsupported, h[:min(len(h), 8)])
	default:
		return info, fmt.Errorf("%w: %s", ErrUnsupported, format)
	}
}

// bitrate is ffprobe's format bit_rate: size*8 over the duration in
// microseconds, truncated (ffmpeg computes it in floating point and
// converts to an integer).
func bitrate(size, micros int64) int64 {
	if micros <= 0 || size <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(size), 8000000)
	if hi >= uint64(micros) {
		return 1<<63 - 1
	}
	q, _ := bits.Div64(hi, lo, uint64(micros))
	return int64(min(q, 1<<63-1))
}
