import React from "react";
import ReactDOM from "react-dom/client";
import { QueryClientProvider } from "@tanstack/react-query";
import "./i18n";
import "./app.css";
import App from "./App";
import { makeQueryClient } from "./queries/client";
import { askEarly } from "./startup";

const queryClient = makeQueryClient();
const firstInfo = askEarly(queryClient);
ReactDOM.createRoot(document.getElementById("root")!).render(
  <React.StrictMode>
    <QueryClientProvider client={queryClient}>
      <App firstInfo={firstInfo} />
    </QueryClientProvider>
  </React.StrictMode>,
);
