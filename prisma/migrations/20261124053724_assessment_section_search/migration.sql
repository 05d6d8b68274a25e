-- Full-text search over self-assessment sections (hand-written: Prisma cannot express a
-- generated tsvector). Stored, so a search does not run to_tsvector over every section
-- it may read; weight B, as a post's body, so sections and posts rank on one scale.
ALTER TABLE "AssessmentSection" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', "text"), 'B')) STORED;

CREATE INDEX "AssessmentSection_search_idx" ON "AssessmentSection" USING GIN ("search");
