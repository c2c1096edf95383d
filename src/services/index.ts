import { systemClock, type Clock } from '../core/clock.ts';
import type { Db } from '../db/database.ts';
import { EventService } from './event-service.ts';
import type { ItemPlanning } from './item-planning.ts';
import { MemoService } from './memo-service.ts';
import { ReminderService } from './reminder-service.ts';
import { ScopeAccess } from './scope-access.ts';
import { SearchService } from './search-service.ts';
import { SpaceService } from './space-service.ts';
import { StatsService } from './stats-service.ts';
import { TodayService } from './today-service.ts';
import { TodoService } from './todo-service.ts';
import { UndoService } from './undo-service.ts';
import { UserService } from './user-service.ts';

export { NotFoundError, PermissionError } from './errors.ts';
export type { Scope, ServiceContext } from './scope.ts';
export type { Category, Changed, NewTodo, Priority, SkipResult, TodoFilter, TodoListOptions, TodoPatch, TodoWithPeople, PersonRef } from './todo-service.ts';
export type { EventListOptions, EventPatch, EventRange, NewEvent } from './event-service.ts';
export type { MemoPatch, NewMemo } from './memo-service.ts';
export { encodeTags, memoTags } from './memo-service.ts';
export type { NewReminder, ReminderPatch } from './reminder-service.ts';
export { chatTargetOf, reminderScopeWhere } from './reminder-scope.ts';
export type { DeliveredReminder, ItemReminder } from './reminder-outbox-view.ts';
export type { SearchHit, SearchKind, SearchOptions } from './search-service.ts';
export type { TodayView } from './today-service.ts';
export type { TodoStats } from './stats-service.ts';
export type { IdentityInput, Language } from './user-service.ts';
export type { SpaceInput, SpaceKind } from './space-service.ts';
export type { UndoResult } from './undo-service.ts';
export type { ItemPlanning } from './item-planning.ts';
export type { ChangeAction, ChangeEntity } from './change-log.ts';

/** Every domain service, wired to one database and one shared membership cache. */
export interface Services {
  todos: TodoService;
  events: EventService;
  memos: MemoService;
  reminders: ReminderService;
  search: SearchService;
  today: TodayService;
  stats: StatsService;
  users: UserService;
  spaces: SpaceService;
  undo: UndoService;
}

/**
 * Builds the services for main.ts (and tests). They share one ScopeAccess so a membership the space
 * service records is immediately known to the item services' non-member check.
 */
export function createServices(db: Db, options: { clock?: Pick<Clock, 'now'>; planning?: ItemPlanning } = {}): Services {
  const access = new ScopeAccess(db);
  return {
    todos: new TodoService(db, access, options.planning),
    events: new EventService(db, access, options.planning),
    memos: new MemoService(db, access),
    reminders: new ReminderService(db, access, options.planning),
    search: new SearchService(db, access),
    today: new TodayService(db, access),
    stats: new StatsService(db, access),
    users: new UserService(db, options.clock ?? systemClock),
    spaces: new SpaceService(db, access),
    undo: new UndoService(db),
  };
}
