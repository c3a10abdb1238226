import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConsoleApp } from "./console/console-app.tsx";
import { Home } from "./home.tsx";
import "./styles.css";

const root = document.getElementById("root");
if (root) {
  const isConsole = window.location.pathname.startsWith("/console");
  createRoot(root).render(<StrictMode>{isConsole ? <ConsoleApp /> : <Home />}</StrictMode>);
}
