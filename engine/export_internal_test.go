package engine

// SafeFileName is safeFileName for the tests of package engine_test.
var SafeFileName = safeFileName
