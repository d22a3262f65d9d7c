-- Custom SQL migration file, put your code below! --
-- Two open visits of one field worker never overlap, whatever the code does. Intervals are
-- half-open, so a visit ending at 10:00 and one starting at 10:00 do not conflict; visits
-- without an assignee or a time, and closed or canceled ones, never conflict.
ALTER TABLE "activities" ADD CONSTRAINT "activities_no_overlap" EXCLUDE USING gist (
	"organization_id" WITH =,
	"assignee_id" WITH =,
	tstzrange("start_at", "end_at", '[)') WITH &&
) WHERE ("status" IN ('pending', 'in_progress') AND "assignee_id" IS NOT NULL AND "start_at" IS NOT NULL);
