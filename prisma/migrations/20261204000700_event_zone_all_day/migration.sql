-- AlterTable: the zone an event was defined in (its repeat rule runs on that wall clock), and all-day events.
ALTER TABLE "Event" ADD COLUMN "timeZone" TEXT;
ALTER TABLE "Event" ADD COLUMN "allDay" BOOLEAN NOT NULL DEFAULT false;
