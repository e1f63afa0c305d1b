package media

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"
)

// maxGIFFrames bounds the frames counted in one GIF; X caps GIFs at 15 MB,
// and even one-pixel frames cannot fit more than this in that size.
const maxGIFFrames = 1 << 20

// probeImage reads an image's size from its header (DecodeConfig decodes no
// pixels) and, for a GIF, counts frames and sums their delays.
func probeImage(r io.ReaderAt, size int64, format string) (Info, error) {
	info := Info{Kind: Image, Container: format, Size: size}
	sr := io.NewSectionReader(r, 0, size)
	var cfg image.Config
	var err error
	switch format {
	case "png":
		cfg, err = png.DecodeConfig(sr)
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(bufio.NewReader(sr))
	case "gif":
		cfg, err = gif.DecodeConfig(sr)
	case "webp":
		cfg, err = webp.DecodeConfig(sr)
	}
	if err != nil {
		return Info{Kind: Unknown, Size: size}, fmt.Errorf("%s: %w", format, err)
	}
	info.Width, info.Height = cfg.Width, cfg.Height
	info.VideoCodec = imageCodecs[format]
	if format == "gif" {
		info.Kind = GIF
		frames, delay, err := walkGIF(bufio.NewReaderSize(io.NewSectionReader(r, 0, size), 32<<10))
		if err != nil {
			return Info{Kind: Unknown, Size: size}, fmt.Errorf("gif: %w", err)
		}
		info.Frames = frames
		info.Duration = Duration{Ticks: delay, Timescale: 100}
		if us := info.Duration.Micros(); us > 0 {
			info.Bitrate = bitrate(size, us)
		}
	}
	return info, nil
}

// imageCodecs are ffprobe's codec names for the image formats.
var imageCodecs = map[string]string{"png": "png", "jpeg": "mjpeg", "gif": "gif", "webp": "webp"}

// GIF delays as ffmpeg's gif demuxer reads them: a delay under 2
// hundredths of a second is played (and counted) as 10.
const (
	gifMinDelay     = 2
	gifDefaultDelay = 10
)

// walkGIF counts image descriptors by skipping over every block's data
// sub-blocks without decompressing anything, and sums the frames' delays in
// hundredths of a second.
func walkGIF(r *bufio.Reader) (frames int, delay uint64, err error) {
	var hdr [13]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return 0, 0, errors.New("truncated header")
	}
	if hdr[10]&0x80 != 0 { // global color table
		if _, err := r.Discard(3 << (hdr[10]&7 + 1)); err != nil {
			return 0, 0, errors.New("truncated color table")
		}
	}
	pending := uint64(0) // delay of the next frame, from its graphic control
	for {
		sep, err := r.ReadByte()
		if err != nil {
			// Browsers show a GIF without its trailer; so does ffmpeg.
			return frames, delay, nil
		}
		switch sep {
		case 0x3B: // trailer
			return frames, delay, nil
		case 0x21: // extension
			label, err := r.ReadByte()
			if err != nil {
				return frames, delay, nil
			}
			if label == 0xF9 { // graphic control: size 4, flags, delay
				var gc [5]byte
				if _, err := io.ReadFull(r, gc[:]); err != nil {
					return frames, delay, nil
				}
				pending = uint64(gc[2]) | uint64(gc[3])<<8
				if gc[0] != 4 {
					return 0, 0, fmt.Errorf("graphic control block of %d bytes", gc[0])
				}
			}
			if err := skipSubBlocks(r); err != nil {
				return frames, delay, nil
			}
		case 0x2C: // image descriptor
			frames++
			if frames > maxGIFFrames {
				return 0, 0, fmt.Errorf("more than %d frames", maxGIFFrames)
			}
			if pending < gifMinDelay {
				pending = gifDefaultDelay
			}
			delay += pending
			pending = 0
			var d [9]byte
			if _, err := io.ReadFull(r, d[:]); err != nil {
				return frames, delay, nil
			}
			if d[8]&0x80 != 0 { // local color table
				if _, err := r.Discard(3 << (d[8]&7 + 1)); err != nil {
					return frames, delay, nil
				}
			}
			if _, err := r.ReadByte(); err != nil { // LZW minimum code size
				return frames, delay, nil
			}
			if err := skipSubBlocks(r); err != nil {
				return frames, delay, nil
			}
		default:
			return 0, 0, fmt.Errorf("unknown block 0x%02x after %d frames", sep, frames)
		}
	}
}

// skipSubBlocks skips data sub-blocks up to the zero-length terminator.
func skipSubBlocks(r *bufio.Reader) error {
	for {
		n, err := r.ReadByte()
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		if _, err := r.Discard(int(n)); err != nil {
			return err
		}
	}
}
