package media

import (
	"math"
	"testing"
)

func TestDurationLimits(t *testing.T) {
	tests := []struct {
		name           string
		d              Duration
		millis         int64
		exceeds, below bool
	}{
		// At X's 140 s edge, in the timescales encoders use.
		{"exactly 140 s at 600", Duration{84000, 600}, 140000, false, false},
		{"one tick over at 600", Duration{84001, 600}, 140000, true, false},
		{"one tick under at 90000", Duration{12599999, 90000}, 140000, false, true},
		{"one tick over at 90000", Duration{12600001, 90000}, 140000, true, false},
		{"140.02 s at 1000", Duration{140020, 1000}, 140000, true, false},
		{"139.9 s at 10", Duration{1399, 10}, 140000, false, true},
		// A tick of 1/3 s: 420 ticks are 140 s exactly, which a float
		// computation can miss.
		{"exact thirds", Duration{420, 3}, 140000, false, false},
		{"0.5 s minimum", Duration{1, 2}, 500, false, false},
		{"under 0.5 s", Duration{4999, 10000}, 500, false, true},
		// Products beyond 64 bits must not wrap.
		{"huge ticks", Duration{math.MaxUint64, 1}, math.MaxInt64, true, false},
		{"huge timescale", Duration{1, math.MaxUint32}, 1, false, true},
		{"zero timescale", Duration{5, 0}, 140000, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Exceeds(tt.millis); got != tt.exceeds {
				t.Errorf("%+v.Exceeds(%d) = %v", tt.d, tt.millis, got)
			}
			if got := tt.d.Below(tt.millis); got != tt.below {
				t.Errorf("%+v.Below(%d) = %v", tt.d, tt.millis, got)
			}
		})
	}
}

func TestDurationString(t *testing.T) {
	tests := []struct {
		d    Duration
		want string
	}{
		{Duration{84000, 600}, "140.000000"},
		{Duration{51815, 12800}, "4.048047"}, // 4.0480468.. rounds up as ffmpeg does
		{Duration{1, 3}, "0.333333"},
		{Duration{2, 3}, "0.666667"},
		{Duration{1001, 1000}, "1.001000"},
		{Duration{}, "0.000000"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
	if got := (Duration{3, 2}).Seconds(); got != 1.5 {
		t.Errorf("Seconds() = %v, want 1.5", got)
	}
}
