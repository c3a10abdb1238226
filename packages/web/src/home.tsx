import { readSite, telHref } from "./site.ts";
import { useAreas } from "./use-areas.ts";

/** The public home page: what Aviso is, the hotline, and the parts of the site. */
export function Home() {
  const site = readSite();
  const areas = useAreas("community-area");
  return (
    <main className="page">
      <header className="masthead">
        <h1>{site.name}</h1>
        <p className="lede">
          Verified alerts about immigration enforcement in your neighborhood, your rights in your
          language, and help for families. Nothing is sent to anyone until a person on our team has
          checked it.
        </p>
      </header>

      <section className="hotline" aria-labelledby="hotline-title">
        <h2 id="hotline-title">Need help now?</h2>
        <p>
          Call the {site.hotline.name}:{" "}
          <a className="hotline-number" href={telHref(site.hotline.number)}>
            {site.hotline.number}
          </a>
        </p>
      </section>

      <nav aria-label="What you can do here">
        <ul className="cards">
          <li>
            <h2>
              <a href="/rights">Know your rights</a>
            </h2>
            <p>What to do at the door, on the street, at work, and if someone is detained.</p>
            <p>
              <a href="/rights/en/" lang="en">
                English
              </a>{" "}
              ·{" "}
              <a href="/rights/es/" lang="es">
                Español
              </a>
            </p>
          </li>
          <li>
            <h2>Get verified alerts</h2>
            <p>By text message, email or web push, only for the areas you choose.</p>
            <p className="soon">Coming soon.</p>
          </li>
          <li>
            <h2>Report activity</h2>
            <p>Tell the hotline what you see. Volunteers check before anything is shared.</p>
            <p className="soon">Coming soon. Until then, call the hotline.</p>
          </li>
          <li>
            <h2>Make a family plan</h2>
            <p>Who picks up the children, where documents are, which lawyer to call.</p>
            <p className="soon">Coming soon.</p>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="areas-title">
        <h2 id="areas-title">Areas we cover</h2>
        {areas.state === "loading" && <p aria-live="polite">Loading areas…</p>}
        {areas.state === "error" && <p role="alert">Could not load the areas: {areas.message}</p>}
        {areas.state === "ready" && (
          <>
            <p>{areas.value.length} Chicago community areas.</p>
            <ul className="area-list" data-testid="area-list">
              {areas.value.map((area) => (
                <li key={area.id}>{area.name}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <footer className="footer">
        <a href="/console">Staff console</a>
      </footer>
    </main>
  );
}
