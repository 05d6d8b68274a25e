// The longest challenge comment: shared by the form (its limit) and the server (its check).
export const MAX_COMMENT = 2000
