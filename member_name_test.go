package quickwin

import "testing"

func TestUnnamed(t *testing.T) {
	for _, tc := range []struct {
		m    Member
		want bool
	}{
		{Member{TelegramID: 1001, Name: "Admin 1001"}, true},
		{Member{TelegramID: 1001, Name: "Admin 1001", Username: "admin1001"}, false}, // really called so
		{Member{TelegramID: 1001, Name: "Rina"}, false},
		{Member{TelegramID: 1002, Name: "Admin 1001"}, false},
	} {
		if got := tc.m.Unnamed(); got != tc.want {
			t.Errorf("%+v: Unnamed() = %v, want %v", tc.m, got, tc.want)
		}
	}
}
