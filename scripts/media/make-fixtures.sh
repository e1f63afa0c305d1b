#!/usr/bin/env bash
# make-fixtures.sh regenerates the media fixtures under media/testdata with
# ffmpeg's synthetic sources (testsrc, sine) and records what ffprobe says
# about each of them in media/testdata/expected.json, so the Go tests can
# compare the prober with ffprobe even on machines without ffmpeg.
#
# Needs: ffmpeg, ffprobe, python3 (apt-get install -y ffmpeg); patch-mp4.py
# next to this script edits header fields for the disagreeing-header cases.
# The fixtures are tiny on purpose (32x32 or 64x36, lowest quality); keep the
# directory under 2 MB.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/media/testdata"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ff() { ffmpeg -hide_banner -nostdin -v error -y "$@"; }
# Small H.264 at the lowest quality: a few bytes per frame.
x264=(-c:v libx264 -preset veryfast -crf 51 -pix_fmt yuv420p)
src() { echo "testsrc=size=${1}:rate=${2}"; }

# name|kind|container, filled as fixtures are made; the kind and container
# are xlint's words (ffprobe's format_name cannot tell mp4 from mov).
facts=()
add() { facts+=("$1|$2|$3"); }

# Durations at the free plan's 140 s edge.
ff -f lavfi -i "$(src 32x32 10)" -t 139.9 "${x264[@]}" -g 600 "$out/dur139_9.mp4"; add dur139_9.mp4 video mp4
ff -f lavfi -i "$(src 32x32 10)" -t 140 "${x264[@]}" -g 600 "$out/dur140_0.mp4"; add dur140_0.mp4 video mp4
ff -f lavfi -i "$(src 32x32 50)" -t 140.02 "${x264[@]}" -g 3000 "$out/dur140_02.mp4"; add dur140_02.mp4 video mp4
ff -f lavfi -i "$(src 32x32 5)" -f lavfi -i sine=frequency=440:sample_rate=8000 -t 141 "${x264[@]}" -g 600 \
	-c:a aac -b:a 8k -ac 1 "$out/dur141_aac.mp4"; add dur141_aac.mp4 video mp4

# Where the moov sits: at the end (ffmpeg's default) and at the start.
ff -f lavfi -i "$(src 64x36 25)" -t 3 "${x264[@]}" "$out/moov_end.mp4"; add moov_end.mp4 video mp4
ff -f lavfi -i "$(src 64x36 25)" -t 3 "${x264[@]}" -movflags +faststart "$out/faststart.mp4"; add faststart.mp4 video mp4

# Fragmented files, with and without a duration in mehd.
ff -f lavfi -i "$(src 64x36 25)" -f lavfi -i sine=sample_rate=8000 -t 4 "${x264[@]}" -g 25 -c:a aac -b:a 8k -ac 1 \
	-movflags frag_keyframe+empty_moov "$out/frag_empty_moov.mp4"; add frag_empty_moov.mp4 video mp4
ff -f lavfi -i "$(src 64x36 25)" -t 4 "${x264[@]}" -g 25 \
	-movflags frag_keyframe+empty_moov+default_base_moof "$out/frag_base_moof.mp4"; add frag_base_moof.mp4 video mp4
ff -f lavfi -i "$(src 64x36 25)" -t 4 "${x264[@]}" -g 25 \
	-movflags frag_keyframe+empty_moov+default_base_moof -frag_duration 500000 "$out/frag_duration.mp4"; add frag_duration.mp4 video mp4
ff -f lavfi -i "$(src 64x36 25)" -t 4 "${x264[@]}" -g 25 -movflags frag_keyframe "$out/frag_moov.mp4"; add frag_moov.mp4 video mp4
# B-frames, with shorter audio: ffmpeg starts the video at its first
# presentation time, moved later by the most negative composition offset
# (trun version 1), or from the moov's ctts when the moov holds samples.
ff -f lavfi -i "$(src 64x36 25)" -f lavfi -t 1 -i sine=sample_rate=8000 -t 2 "${x264[@]}" -g 25 -x264-params b-adapt=0:bframes=3 \
	-c:a aac -b:a 8k -ac 1 -movflags frag_keyframe+empty_moov+negative_cts_offsets "$out/frag_negcts.mp4"; add frag_negcts.mp4 video mp4
ff -f lavfi -i "$(src 64x36 25)" -f lavfi -t 1 -i sine=sample_rate=8000 -t 2 "${x264[@]}" -g 25 -x264-params b-adapt=0:bframes=3 \
	-c:a aac -b:a 8k -ac 1 -movflags frag_keyframe "$out/frag_moov_av.mp4"; add frag_moov_av.mp4 video mp4
# Playing the fragmented file from the start (the input is seekable, so the
# muxer goes back and writes mehd with the total duration).
ff -i "$out/frag_base_moof.mp4" -c copy -movflags frag_keyframe+default_base_moof+global_sidx "$out/frag_sidx.mp4"; add frag_sidx.mp4 video mp4

# Containers other than plain mp4.
ff -f lavfi -i "$(src 64x36 25)" -f lavfi -i sine=sample_rate=8000 -t 2 "${x264[@]}" -c:a aac -b:a 8k -ac 1 "$out/clip.mov"; add clip.mov video mov
ff -f lavfi -i sine=sample_rate=8000 -t 5 -c:a aac -b:a 8k -ac 1 "$out/sine.m4a"; add sine.m4a audio m4a
ff -f lavfi -i sine=sample_rate=8000 -t 5 -c:a aac -b:a 8k -ac 1 "$out/audio_only.mp4"; add audio_only.mp4 audio m4a

# Edit lists: a copy cut at a non-keyframe, and a delayed stream.
ff -f lavfi -i "$(src 64x36 25)" -t 6 "${x264[@]}" -g 50 -bf 2 "$tmp/gop.mp4"
ff -ss 1.3 -i "$tmp/gop.mp4" -c copy "$out/edit_ss.mp4"; add edit_ss.mp4 video mp4
ff -itsoffset 0.5 -i "$tmp/gop.mp4" -c copy "$out/edit_offset.mp4"; add edit_offset.mp4 video mp4

# Track timescales.
ff -f lavfi -i "$(src 64x36 30)" -t 2 "${x264[@]}" -video_track_timescale 600 "$out/ts600.mp4"; add ts600.mp4 video mp4
ff -f lavfi -i "$(src 64x36 30)" -t 2 "${x264[@]}" -video_track_timescale 90000 "$out/ts90000.mp4"; add ts90000.mp4 video mp4

# Frame rates around X's 60 fps limit.
ff -f lavfi -i "$(src 64x36 60000/1001)" -t 1 "${x264[@]}" "$out/fps59_94.mp4"; add fps59_94.mp4 video mp4
ff -f lavfi -i "$(src 64x36 60)" -t 1 "${x264[@]}" "$out/fps60.mp4"; add fps60.mp4 video mp4
ff -f lavfi -i "$(src 64x36 61)" -t 1 "${x264[@]}" "$out/fps61.mp4"; add fps61.mp4 video mp4

# Sizes and shapes.
ff -f lavfi -i "$(src 3840x2160 25)" -t 0.12 -c:v libx264 -preset ultrafast -crf 51 -pix_fmt yuv420p "$out/uhd4k.mp4"; add uhd4k.mp4 video mp4
ff -f lavfi -i "$(src 100x400 25)" -t 1 "${x264[@]}" "$out/tall100x400.mp4"; add tall100x400.mp4 video mp4
# ffmpeg 5 honours the rotate tag only when remuxing; it becomes a tkhd matrix.
ff -f lavfi -i "$(src 64x36 25)" -t 1 "${x264[@]}" "$tmp/upright.mp4"
ff -i "$tmp/upright.mp4" -c copy -metadata:s:v:0 rotate=90 "$out/rotate90.mp4"; add rotate90.mp4 video mp4
ff -i "$tmp/upright.mp4" -c copy -metadata:s:v:0 rotate=270 "$out/rotate270.mov"; add rotate270.mov video mov
ff -f lavfi -i "$(src 64x36 25)" -t 0.3 "${x264[@]}" "$out/short0_3.mp4"; add short0_3.mp4 video mp4

# Other codecs.
ff -f lavfi -i "$(src 64x36 25)" -t 1 -c:v libx265 -preset ultrafast -crf 51 -tag:v hvc1 -x265-params log-level=none "$out/hevc.mp4"; add hevc.mp4 video mp4
ff -f lavfi -i "$(src 64x36 25)" -t 1 -c:v libvpx-vp9 -b:v 20k -deadline realtime "$out/vp9.mp4"; add vp9.mp4 video mp4
ff -f lavfi -i "$(src 64x36 25)" -t 1 -c:v libaom-av1 -crf 63 -cpu-used 8 "$out/av1.mp4"; add av1.mp4 video mp4
ff -f lavfi -i "$(src 64x36 25)" -t 1 -c:v mpeg4 -q:v 31 "$out/mpeg4.mp4"; add mpeg4.mp4 video mp4
ff -f lavfi -i "$(src 64x36 25)" -f lavfi -i sine=sample_rate=22050 -t 2 "${x264[@]}" -c:a libmp3lame -b:a 8k "$out/mp3.mp4"; add mp3.mp4 video mp4
ff -f lavfi -i "$(src 64x36 25)" -f lavfi -i sine=sample_rate=48000 -t 2 "${x264[@]}" -c:a libopus -b:a 6k "$out/opus.mp4"; add opus.mp4 video mp4
ff -f lavfi -i "$(src 64x36 25)" -f lavfi -i sine=sample_rate=8000 -t 2 "${x264[@]}" -c:a aac -profile:a aac_main -b:a 8k -ac 1 "$out/aac_main.mp4"; add aac_main.mp4 video mp4

# Headers that disagree with the samples, made by patching the files
# above: ffprobe 5.1 reports 0 for a plain movie whose mvhd says 0, and
# ignores mvhd and mehd in a fragmented one.
patch() { python3 "$root/scripts/media/patch-mp4.py" "$@"; }
patch "$out/moov_end.mp4" "$out/mvhd_zero.mp4" mvhd=0; add mvhd_zero.mp4 video mp4
patch "$out/edit_offset.mp4" "$out/mvhd_zero_edit.mp4" mvhd=0; add mvhd_zero_edit.mp4 video mp4
patch "$out/frag_base_moof.mp4" "$out/frag_mehd_long.mp4" +mehd=9000; add frag_mehd_long.mp4 video mp4
patch "$out/frag_moov.mp4" "$out/frag_mvhd_long.mp4" mvhd=9000; add frag_mvhd_long.mp4 video mp4

# Images.
ff -f lavfi -i "$(src 64x36 1)" -frames:v 1 "$out/image.png"; add image.png image png
ff -f lavfi -i "$(src 64x36 1)" -frames:v 1 -q:v 31 "$out/image.jpg"; add image.jpg image jpeg
ff -f lavfi -i "$(src 32x32 5)" -t 1 "$out/anim.gif"; add anim.gif gif gif
ff -f lavfi -i "$(src 64x36 1)" -frames:v 1 -c:v libwebp -quality 10 "$out/image.webp"; add image.webp image webp

# Record ffprobe's view of every fixture, plus xlint's kind and container.
{
	printf '{\n'
	first=1
	for f in "${facts[@]}"; do
		IFS='|' read -r name kind container <<<"$f"
		probe=$(ffprobe -v error -show_entries \
			format=duration,bit_rate,size:stream=codec_name,codec_type,width,height,r_frame_rate,avg_frame_rate,start_time,duration:stream_side_data=rotation \
			-of json "$out/$name")
		[ $first = 1 ] || printf ',\n'
		first=0
		printf '"%s": {"kind": "%s", "container": "%s", "ffprobe": %s}' "$name" "$kind" "$container" "$probe"
	done
	printf '\n}\n'
} | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), indent=1, sort_keys=True))' >"$out/expected.json"

du -sh "$out"
