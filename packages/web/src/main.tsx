import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConsoleApp } from "./console/console-app.tsx";
import "./styles.css";

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <ConsoleApp />
    </StrictMode>,
  );
