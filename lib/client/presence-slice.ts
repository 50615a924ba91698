// Who has the board open, as the board's stream last said (README, "Presence"). Ephemeral: never
// saved on the device, forgotten when the page goes offline (it would only say who was here).
import { createSlice, type PayloadAction } from "@reduxjs/toolkit";
import { connectionChanged } from "./board-slice";
import type { PresenceNews } from "./live-stream";

export interface PresenceState {
  /** Null until the stream has said (a page offline, or still connecting). */
  readonly people: readonly { readonly id: string; readonly name: string }[] | null;
  readonly viewers: number;
}

const initialState: PresenceState = { people: null, viewers: 0 };

const presenceSlice = createSlice({
  name: "presence",
  initialState,
  reducers: {
    presenceAnnounced: (_state, action: PayloadAction<PresenceNews>) => ({
      people: action.payload.people,
      viewers: action.payload.viewers,
    }),
  },
  extraReducers: (builder) => {
    builder.addCase(connectionChanged, (state, action) => (action.payload === "offline" ? initialState : state));
  },
});

export const { presenceAnnounced } = presenceSlice.actions;
export const presenceReducer = presenceSlice.reducer;
