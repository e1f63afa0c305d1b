package media

import (
	"bytes"
	"encoding/binary"
)

// topLevelBoxes are the box types that may open an ISO BMFF or QuickTime
// file; ffmpeg's mov demuxer accepts the same set.
var topLevelBoxes = map[string]bool{
	"ftyp": true, "moov": true, "mdat": true, "free": true, "skip": true,
	"wide": true, "pnot": true, "moof": true, "styp": true, "sidx": true,
	"uuid": true, "junk": true, "pdin": true,
}

// sniff names the format of a file from its first bytes: "mp4" (any ISO
// BMFF or QuickTime movie), "png", "jpeg", "gif", "webp", a description of
// a known format this package does not read, or "" when nothing matched.
func sniff(h []byte) string {
	switch {
	case bytes.HasPrefix(h, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(h, []byte{0xFF, 0xD8, 0xFF}):
		return "jpeg"
	case bytes.HasPrefix(h, []byte("GIF87a")), bytes.HasPrefix(h, []byte("GIF89a")):
		return "gif"
	case len(h) >= 12 && string(h[0:4]) == "RIFF" && string(h[8:12]) == "WEBP":
		return "webp"
	case len(h) >= 8 && topLevelBoxes[string(h[4:8])]:
		if size := binary.BigEndian.Uint32(h); size == 1 || size == 0 || size >= 8 {
			return "mp4"
		}
	case len(h) >= 12 && string(h[0:4]) == "RIFF" && string(h[8:12]) == "AVI ":
		return "avi video"
	case len(h) >= 12 && string(h[0:4]) == "RIFF" && string(h[8:12]) == "WAVE":
		return "wav audio"
	case bytes.HasPrefix(h, []byte{0x1A, 0x45, 0xDF, 0xA3}):
		return "matroska or webm video"
	case bytes.HasPrefix(h, []byte("ID3")), len(h) >= 2 && h[0] == 0xFF && h[1]&0xE0 == 0xE0:
		return "mp3 audio"
	case bytes.HasPrefix(h, []byte("OggS")):
		return "ogg media"
	case bytes.HasPrefix(h, []byte("fLaC")):
		return "flac audio"
	case bytes.HasPrefix(h, []byte("BM")):
		return "bmp image"
	case bytes.HasPrefix(h, []byte("II*\x00")), bytes.HasPrefix(h, []byte("MM\x00*")):
		return "tiff image"
	case bytes.HasPrefix(h, []byte("%PDF")):
		return "pdf document"
	case len(h) >= 1 && h[0] == 0x47:
		// An MPEG-TS packet starts with the sync byte 0x47, but so does
		// plain text starting with "G"; say what it might be only when
		// the rest does not look like text.
		if !isText(h) {
			return "mpeg-ts video"
		}
	}
	return ""
}

// isText reports whether b looks like printable ASCII or UTF-8 text.
func isText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return true
}
