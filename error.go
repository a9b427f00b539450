package tiendo

import (
	"errors"
	"fmt"
)

// Error codes every layer speaks. The web and API layers turn them into a
// status and a message; nothing below them knows about HTTP.
const (
	ECONFLICT     = "conflict"     // the thing changed or exists already
	EINTERNAL     = "internal"     // our fault
	EINVALID      = "invalid"      // the input is wrong
	ENOTFOUND     = "not_found"    // no such thing, or not visible to the caller
	EUNAUTHORIZED = "unauthorized" // not logged in, or bad credentials
	EFORBIDDEN    = "forbidden"    // logged in, but not allowed
	ETOOLARGE     = "too_large"    // the body or file is over the limit
	ETHROTTLED    = "throttled"    // too many failed attempts: wait, or ask the admin
	// ETOTPREQUIRED answers a right password of an account whose second
	// factor is on when no code came with it: ask for one and try again.
	ETOTPREQUIRED = "totp_required"
)

// Error is an error with a code and a message for the user, in Vietnamese.
type Error struct {
	Code    string
	Message string
	// Fields holds per-field messages for forms and the API, keyed by field name.
	Fields map[string]string
}

func (e *Error) Error() string { return fmt.Sprintf("tiendo: %s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err. Internal errors get a
// generic message: their details go to the log, not to the user.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Đã có lỗi hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị."
}
